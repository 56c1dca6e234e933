package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bighead.registry.Times;
import org.bighead.registry.client.Deployment;
import org.bighead.registry.client.DeploymentEvent;

/**
 * Deployments: one row per model and target saying what runs there now, and the append-only history of every
 * deployment recorded, written in the same transaction. Unknown models and versions are a {@link NotFoundException}.
 */
public final class DeploymentStore {
    private static final String COLUMNS = "id, model, version, alias, target, kind, status, created_by, updated_at";

    private final Database db;

    /** The store over an open, migrated database. */
    public DeploymentStore(Database db) {
        this.db = db;
    }

    /** Records where a version runs; the same model and target again updates that row. */
    public Deployment record(
            String model, int version, String alias, String target, String kind, String status, String user) {
        return db.write(c -> {
            ModelStore.requireModel(c, model);
            db.lockModel(c, model);
            ModelStore.version(c, model, version);
            String id = Sql.first(
                            c,
                            "SELECT id FROM deployments WHERE model = ? AND target = ?",
                            rs -> rs.getString(1),
                            model,
                            target)
                    .orElse(null);
            String now = Times.now();
            if (id == null) {
                id = UUID.randomUUID().toString();
                Sql.update(
                        c,
                        "INSERT INTO deployments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
                        model,
                        version,
                        alias,
                        target,
                        kind,
                        status,
                        user,
                        now);
            } else {
                Sql.update(
                        c,
                        "UPDATE deployments SET version = ?, alias = ?, kind = ?, status = ?, created_by = ?,"
                                + " updated_at = ? WHERE id = ?",
                        version,
                        alias,
                        kind,
                        status,
                        user,
                        now,
                        id);
            }
            appendEvent(c, new DeploymentEvent(model, version, alias, target, kind, status, user, now, null, null));
            return rows(c, "id = ?", id).get(0);
        });
    }

    /**
     * Records that {@code seen} no longer answers (status {@code lost}, by {@code user}), unless the row changed
     * since it was read (a restart, a new version at the target): then nothing is written and empty is returned.
     */
    public java.util.Optional<Deployment> lost(Deployment seen, String user) {
        return db.write(c -> {
            db.lockModel(c, seen.model());
            String now = Times.now();
            int changed = Sql.update(
                    c,
                    "UPDATE deployments SET status = 'lost', created_by = ?, updated_at = ? WHERE id = ?"
                            + " AND status = ? AND updated_at = ?",
                    user,
                    now,
                    seen.id(),
                    seen.status(),
                    seen.updatedAt());
            if (changed == 0) {
                return java.util.Optional.<Deployment>empty();
            }
            appendEvent(
                    c,
                    new DeploymentEvent(
                            seen.model(),
                            seen.version(),
                            seen.alias(),
                            seen.target(),
                            seen.kind(),
                            "lost",
                            user,
                            now,
                            null,
                            null));
            return java.util.Optional.of(rows(c, "id = ?", seen.id()).get(0));
        });
    }

    // The deployments row says what runs now; this event keeps what ran before. Same transaction as the row.
    private static void appendEvent(Connection c, DeploymentEvent e) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO deployment_events (model, seq, version, alias, target, kind, status, created_by,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.model(),
                Sql.next(c, "deployment_events", "seq", e.model()),
                e.version(),
                e.alias(),
                e.target(),
                e.kind(),
                e.status(),
                e.createdBy(),
                e.at());
    }

    /**
     * Every deployment recorded for a model (at one target when not null), oldest first; each but the latest at its
     * target says when the next one there ended it and which version replaced it. Not found if the model is unknown.
     */
    public List<DeploymentEvent> history(String model, String target) {
        return db.read(c -> {
            ModelStore.requireModel(c, model);
            String sql = "SELECT version, alias, target, kind, status, created_by, recorded_at FROM deployment_events"
                    + " WHERE model = ?" + (target == null ? "" : " AND target = ?") + " ORDER BY seq";
            Sql.Row<DeploymentEvent> row = rs -> new DeploymentEvent(
                    model,
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    null,
                    null);
            return ended(target == null ? Sql.query(c, sql, row, model) : Sql.query(c, sql, row, model, target));
        });
    }

    // the history stays append-only: an event's end is the next event at its target, found when read
    private static List<DeploymentEvent> ended(List<DeploymentEvent> oldestFirst) {
        List<DeploymentEvent> out = new ArrayList<>(oldestFirst);
        Map<String, DeploymentEvent> next = new HashMap<>();
        for (int i = out.size() - 1; i >= 0; i--) {
            DeploymentEvent e = out.get(i);
            DeploymentEvent later = next.put(e.target(), e);
            if (later != null) {
                out.set(i, endedBy(e, later));
            }
        }
        return out;
    }

    /** Deployments of one model, or of all when {@code model} is null, most recently updated first. */
    public List<Deployment> deployments(String model) {
        return db.read(c -> {
            if (model == null) {
                return rows(c, null, null);
            }
            ModelStore.requireModel(c, model);
            return rows(c, "model = ?", model);
        });
    }

    private static List<Deployment> rows(Connection c, String where, String arg) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM deployments" + (where == null ? "" : " WHERE " + where)
                + " ORDER BY updated_at DESC, id";
        Sql.Row<Deployment> row = rs -> new Deployment(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9));
        return where == null ? Sql.query(c, sql, row) : Sql.query(c, sql, row, arg);
    }

    /** {@code event}, ended by {@code next} at the same target (with the version that replaced it, if another). */
    private static DeploymentEvent endedBy(DeploymentEvent event, DeploymentEvent next) {
        return new DeploymentEvent(
                event.model(),
                event.version(),
                event.alias(),
                event.target(),
                event.kind(),
                event.status(),
                event.createdBy(),
                event.at(),
                next.at(),
                next.version() == event.version() ? null : next.version());
    }
}
