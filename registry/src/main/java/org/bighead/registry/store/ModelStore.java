package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.registry.Json;
import org.bighead.registry.Times;

/**
 * Models and their versions. Every write is one transaction; names are validated by the caller. Unknown models
 * and versions are a {@link NotFoundException}, a taken model name a {@link ConflictException}.
 */
public final class ModelStore {
    private static final String VERSION_COLUMNS = "model, version, created_at, created_by, sha256, size_bytes,"
            + " description, task, target, input_schema, params, metrics, tags, lineage";

    private final Database db;

    /** The store over an open, migrated database. */
    public ModelStore(Database db) {
        this.db = db;
    }

    /** Creates a model; a conflict if the name is taken. */
    public ModelRow createModel(String name, String description, String user) {
        db.write(c -> {
            if (exists(c, name)) {
                throw new ConflictException("model '" + name + "' already exists");
            }
            insertModel(c, name, description, user);
            return null;
        });
        return model(name);
    }

    /** Every model, by name. */
    public List<ModelRow> models() {
        return db.read(c -> {
            List<ModelRow> out = new ArrayList<>();
            for (String name : Sql.query(c, "SELECT name FROM models ORDER BY name", rs -> rs.getString(1))) {
                out.add(modelRow(c, name));
            }
            return out;
        });
    }

    /** One model; not found if unknown. */
    public ModelRow model(String name) {
        return db.read(c -> modelRow(c, name));
    }

    /** One model with every version, newest first, read together; not found if unknown. */
    public ModelDetail modelWithVersions(String name) {
        return db.read(c -> new ModelDetail(modelRow(c, name), versionRows(c, name, null)));
    }

    private static ModelRow modelRow(Connection c, String name) throws SQLException {
        record Head(String name, String description, String createdAt) {}
        Head head = Sql.first(
                        c,
                        "SELECT name, description, created_at FROM models WHERE name = ?",
                        rs -> new Head(rs.getString(1), rs.getString(2), rs.getString(3)),
                        name)
                .orElseThrow(() -> noModel(name));
        record Numbered(int version, String task) {}
        List<Numbered> versions = Sql.query(
                c,
                "SELECT version, task FROM versions WHERE model = ? ORDER BY version DESC",
                rs -> new Numbered(rs.getInt(1), rs.getString(2)),
                name);
        Numbered latest = versions.isEmpty() ? null : versions.get(0);
        return new ModelRow(
                head.name(),
                head.description(),
                head.createdAt(),
                latest == null ? null : latest.version(),
                versions.size(),
                AliasStore.aliasMap(c, name),
                latest == null ? null : latest.task());
    }

    static boolean exists(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM models WHERE name = ?", rs -> true, name)
                .isPresent();
    }

    static void requireModel(Connection c, String name) throws SQLException {
        if (!exists(c, name)) {
            throw noModel(name);
        }
    }

    static NotFoundException noModel(String name) {
        return new NotFoundException("no model named '" + name + "'");
    }

    static NotFoundException noVersion(String model, int version) {
        return new NotFoundException("model '" + model + "' has no version " + version);
    }

    private static void insertModel(Connection c, String name, String description, String user) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO models (name, description, created_at, created_by) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING",
                name,
                description == null ? "" : description,
                Times.now(),
                user);
    }

    /**
     * Stores the next version of a model (creating the model if new) and returns its number; unless {@code force},
     * the newest version that already has the same bundle bytes is returned instead and nothing is added. The number
     * is max + 1 under the model's write lock; the unique (model, version) key guards it all the same.
     */
    public AddedVersion addVersion(String model, NewVersion v, boolean force) {
        return db.write(c -> {
            insertModel(c, model, "", v.createdBy());
            db.lockModel(c, model);
            if (!force) {
                var same = Sql.first(
                        c,
                        "SELECT version FROM versions WHERE model = ? AND sha256 = ? ORDER BY version DESC",
                        rs -> rs.getInt(1),
                        model,
                        v.sha256());
                if (same.isPresent()) {
                    return new AddedVersion(same.get(), true);
                }
            }
            int next = Math.max(
                    Sql.next(c, "versions", "version", model),
                    Sql.first(c, "SELECT last_version + 1 FROM models WHERE name = ?", rs -> rs.getInt(1), model)
                            .orElse(1));
            Sql.update(c, "UPDATE models SET last_version = ? WHERE name = ?", next, model);
            Sql.update(
                    c,
                    "INSERT INTO versions (" + VERSION_COLUMNS + ", graph_svg)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    model,
                    next,
                    Times.now(),
                    v.createdBy(),
                    v.sha256(),
                    v.sizeBytes(),
                    v.description() == null ? "" : v.description(),
                    v.task(),
                    v.target(),
                    Json.text(v.inputSchema()),
                    Json.text(v.params()),
                    Json.text(v.metrics()),
                    Json.text(v.tags()),
                    Json.text(v.lineage()),
                    v.graphSvg());
            return new AddedVersion(next, false);
        });
    }

    /**
     * Deletes a version that nothing points at (an export rolling back the version it registered); its number is
     * never given again. A version an alias names is refused with a conflict saying which.
     */
    public void deleteVersion(String model, int version) {
        db.write(c -> {
            db.lockModel(c, model);
            if (Sql.first(
                            c,
                            "SELECT version FROM versions WHERE model = ? AND version = ?",
                            rs -> rs.getInt(1),
                            model,
                            version)
                    .isEmpty()) {
                throw new NotFoundException("model '" + model + "' has no version " + version);
            }
            List<String> aliases = Sql.query(
                    c,
                    "SELECT alias FROM aliases WHERE model = ? AND version = ? ORDER BY alias",
                    rs -> rs.getString(1),
                    model,
                    version);
            if (!aliases.isEmpty()) {
                throw new ConflictException(model + " v" + version + " is what " + String.join(", ", aliases)
                        + " points at; move or delete the alias first");
            }
            Sql.update(c, "DELETE FROM evaluations WHERE model = ? AND version = ?", model, version);
            Sql.update(c, "DELETE FROM versions WHERE model = ? AND version = ?", model, version);
            return null;
        });
    }

    /** One version; not found if the model or version is unknown. */
    public VersionRow version(String model, int version) {
        return db.read(c -> version(c, model, version));
    }

    static VersionRow version(Connection c, String model, int version) throws SQLException {
        List<VersionRow> found = versionRows(c, model, version);
        if (found.isEmpty()) {
            requireModel(c, model);
            throw noVersion(model, version);
        }
        return found.get(0);
    }

    /** Every version of a model, newest first; not found if the model is unknown. */
    public List<VersionRow> versions(String model) {
        return db.read(c -> {
            requireModel(c, model);
            return versionRows(c, model, null);
        });
    }

    /** The given versions of a model, in the order asked; not found names the first unknown one. */
    public List<VersionRow> versions(String model, List<Integer> numbers) {
        return db.read(c -> {
            requireModel(c, model);
            List<VersionRow> out = new ArrayList<>();
            for (int v : numbers) {
                out.add(version(c, model, v));
            }
            return out;
        });
    }

    private static List<VersionRow> versionRows(Connection c, String model, Integer only) throws SQLException {
        Map<Integer, List<String>> aliases = AliasStore.aliasesByVersion(c, model);
        String sql = "SELECT " + VERSION_COLUMNS + " FROM versions WHERE model = ?"
                + (only == null ? "" : " AND version = ?") + " ORDER BY version DESC";
        Sql.Row<VersionRow> row = rs -> versionRow(rs, aliases);
        return only == null ? Sql.query(c, sql, row, model) : Sql.query(c, sql, row, model, only);
    }

    private static VersionRow versionRow(ResultSet rs, Map<Integer, List<String>> aliases) throws SQLException {
        int version = rs.getInt("version");
        return new VersionRow(
                rs.getString("model"),
                version,
                rs.getString("created_at"),
                rs.getString("created_by"),
                rs.getString("sha256"),
                rs.getLong("size_bytes"),
                rs.getString("description"),
                rs.getString("task"),
                rs.getString("target"),
                Json.parse(rs.getString("input_schema")),
                Json.parse(rs.getString("params")),
                Json.parse(rs.getString("metrics")),
                Json.parse(rs.getString("tags")),
                Json.parse(rs.getString("lineage")),
                aliases.getOrDefault(version, List.of()));
    }

    /** A version's pipeline graph as SVG, drawn once at registration; not found if unknown. */
    public String graphSvg(String model, int version) {
        return db.read(c -> {
            var svg = Sql.first(
                    c,
                    "SELECT graph_svg FROM versions WHERE model = ? AND version = ?",
                    rs -> rs.getString(1),
                    model,
                    version);
            if (svg.isPresent()) {
                return svg.get();
            }
            requireModel(c, model);
            throw noVersion(model, version);
        });
    }

    /** Every SHA-256 any version refers to (for checks after a crash). */
    public List<String> allSha256() {
        return db.read(c -> Sql.query(c, "SELECT DISTINCT sha256 FROM versions", rs -> rs.getString(1)));
    }
}
