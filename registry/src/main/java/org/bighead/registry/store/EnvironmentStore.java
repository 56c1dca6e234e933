package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.bighead.registry.Json;
import org.bighead.registry.Times;

/**
 * Derived environments ({@code bighead env create NAME --from BASE}): created with their spec, given an image once
 * built, deleted. Names are validated by the caller. An unknown name is a {@link NotFoundException}, a taken one (or
 * deleting the base of another environment) a {@link ConflictException}.
 */
public final class EnvironmentStore {
    private static final String COLUMNS = "name, from_env, description, spec, spec_hash, image, image_digest,"
            + " created_by, created_at, built_at, bighead_version";

    private static final Sql.Row<EnvironmentRow> ROW = rs -> new EnvironmentRow(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            Json.parse(rs.getString(4)),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11));

    private final Database db;

    /** The store over an open, migrated database. */
    public EnvironmentStore(Database db) {
        this.db = db;
    }

    /** Stores a new environment (not built yet); a conflict if the name is taken. */
    public EnvironmentRow create(String name, String from, String description, JsonNode spec, String user) {
        return db.write(c -> {
            int added = Sql.update(
                    c,
                    "INSERT INTO environments (name, from_env, description, spec, created_by, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                    name,
                    from,
                    description == null ? "" : description,
                    Json.text(spec),
                    user,
                    Times.now());
            if (added == 0) {
                throw new ConflictException("environment '" + name + "' already exists");
            }
            return row(c, name);
        });
    }

    /** Every environment, by name. */
    public List<EnvironmentRow> environments() {
        return db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM environments ORDER BY name", ROW));
    }

    /** One environment; not found if unknown. */
    public EnvironmentRow environment(String name) {
        return db.read(c -> row(c, name));
    }

    /** Records the image built for an environment (a rebuild replaces it), built now; not found if unknown. */
    public EnvironmentRow recordImage(
            String name, String image, String digest, String specHash, String bigheadVersion) {
        return db.write(c -> {
            int updated = Sql.update(
                    c,
                    "UPDATE environments SET image = ?, image_digest = ?, spec_hash = ?, bighead_version = ?,"
                            + " built_at = ? WHERE name = ?",
                    image,
                    digest,
                    specHash,
                    bigheadVersion,
                    Times.now(),
                    name);
            if (updated == 0) {
                throw noEnvironment(name);
            }
            return row(c, name);
        });
    }

    /**
     * Deletes an environment; not found if unknown, a conflict while another environment derives from it (its
     * lineage would name an environment that is gone).
     */
    public void delete(String name) {
        db.write(c -> {
            row(c, name);
            Optional<String> derived = Sql.first(
                    c,
                    "SELECT name FROM environments WHERE from_env = ? AND name <> ? ORDER BY name",
                    rs -> rs.getString(1),
                    name,
                    name);
            if (derived.isPresent()) {
                throw new ConflictException("environment '" + name + "' is the base of '" + derived.get()
                        + "': delete the environments derived from it first");
            }
            Sql.update(c, "DELETE FROM environments WHERE name = ?", name);
            return null;
        });
    }

    private static EnvironmentRow row(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM environments WHERE name = ?", ROW, name)
                .orElseThrow(() -> noEnvironment(name));
    }

    private static NotFoundException noEnvironment(String name) {
        return new NotFoundException("no environment named '" + name + "'");
    }
}
