package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bighead.registry.Times;

/**
 * Aliases: where each points now, and the append-only history of their moves, changed together in one
 * transaction. Unknown models, versions and aliases are a {@link NotFoundException}.
 */
public final class AliasStore {
    private final Database db;

    /** The store over an open, migrated database. */
    public AliasStore(Database db) {
        this.db = db;
    }

    /** Alias → version, for one model; not found if the model is unknown. */
    public Map<String, Integer> aliases(String model) {
        return db.read(c -> {
            ModelStore.requireModel(c, model);
            return aliasMap(c, model);
        });
    }

    static Map<String, Integer> aliasMap(Connection c, String model) throws SQLException {
        record Pointer(String alias, int version) {}
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Pointer p : Sql.query(
                c,
                "SELECT alias, version FROM aliases WHERE model = ? ORDER BY alias",
                rs -> new Pointer(rs.getString(1), rs.getInt(2)),
                model)) {
            out.put(p.alias(), p.version());
        }
        return out;
    }

    static Map<Integer, List<String>> aliasesByVersion(Connection c, String model) throws SQLException {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        aliasMap(c, model)
                .forEach((alias, version) ->
                        out.computeIfAbsent(version, k -> new ArrayList<>()).add(alias));
        return out;
    }

    /** The version an alias points at now; not found if none. */
    public int alias(String model, String alias) {
        return db.read(c -> {
            ModelStore.requireModel(c, model);
            return current(c, model, alias)
                    .orElseThrow(() -> new NotFoundException("model '" + model + "' has no alias '" + alias + "'"));
        });
    }

    /** The version an alias pointed at at {@code at} (a stored instant, {@link Times#format}); not found if none. */
    public int aliasAt(String model, String alias, String at) {
        return db.read(c -> {
            ModelStore.requireModel(c, model);
            Optional<Integer> then = Sql.first(
                    c,
                    "SELECT to_version FROM alias_moves"
                            + " WHERE model = ? AND alias = ? AND moved_at <= ? ORDER BY seq DESC",
                    rs -> Sql.integer(rs, 1),
                    model,
                    alias,
                    at);
            if (then.isPresent()) { // empty too when the alias was deleted by then (to_version is NULL)
                return then.get();
            }
            throw new NotFoundException(
                    "alias '" + alias + "' of model '" + model + "' pointed at no version at " + at);
        });
    }

    private static Optional<Integer> current(Connection c, String model, String alias) throws SQLException {
        return Sql.first(
                c, "SELECT version FROM aliases WHERE model = ? AND alias = ?", rs -> rs.getInt(1), model, alias);
    }

    /**
     * Moves an alias to a version (or deletes it, for null) and appends the move to its history, in one
     * transaction. Returns the move. Not found if the model or version is unknown, or when deleting a missing alias.
     */
    public AliasMoveRow moveAlias(String model, String alias, Integer version, String reason, String user) {
        return db.write(c -> {
            ModelStore.requireModel(c, model);
            db.lockModel(c, model);
            if (version != null) {
                ModelStore.version(c, model, version);
            }
            Integer from = current(c, model, alias).orElse(null);
            if (version == null && from == null) {
                throw new NotFoundException("model '" + model + "' has no alias '" + alias + "' to delete");
            }
            Sql.update(c, "DELETE FROM aliases WHERE model = ? AND alias = ?", model, alias);
            if (version != null) {
                Sql.update(c, "INSERT INTO aliases (model, alias, version) VALUES (?, ?, ?)", model, alias, version);
            }
            String at = Times.now();
            String why = reason == null ? "" : reason;
            Sql.update(
                    c,
                    "INSERT INTO alias_moves (model, seq, alias, from_version, to_version, moved_by, moved_at,"
                            + " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    model,
                    Sql.next(c, "alias_moves", "seq", model),
                    alias,
                    new Sql.NullableInt(from),
                    new Sql.NullableInt(version),
                    user,
                    at,
                    why);
            return new AliasMoveRow(model, alias, from, version, user, at, why);
        });
    }

    /** The alias moves of a model (of one alias when not null), oldest first; not found if the model is unknown. */
    public List<AliasMoveRow> history(String model, String alias) {
        return db.read(c -> {
            ModelStore.requireModel(c, model);
            String sql = "SELECT alias, from_version, to_version, moved_by, moved_at, reason FROM alias_moves"
                    + " WHERE model = ?" + (alias == null ? "" : " AND alias = ?") + " ORDER BY seq";
            Sql.Row<AliasMoveRow> row = rs -> new AliasMoveRow(
                    model,
                    rs.getString(1),
                    Sql.integer(rs, 2),
                    Sql.integer(rs, 3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6));
            return alias == null ? Sql.query(c, sql, row, model) : Sql.query(c, sql, row, model, alias);
        });
    }
}
