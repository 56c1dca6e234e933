package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bighead.http.HttpError;
import org.bighead.registry.Json;
import org.bighead.registry.Times;

/**
 * The registry's records, in the JSON shapes of API.md: models, versions, aliases and their history,
 * deployments and their history. Every write is one transaction; names are validated by the caller.
 */
public final class RegistryStore {
    private static final String VERSION_COLUMNS = "model, version, created_at, created_by, sha256, size_bytes,"
            + " description, task, target, input_schema, params, metrics, tags, lineage";

    private final Database db;

    /** The store over an open, migrated database. */
    public RegistryStore(Database db) {
        this.db = db;
    }

    /** The database underneath (for health and tokens). */
    public Database database() {
        return db;
    }

    // --- models -----------------------------------------------------------------------------------------

    /** Creates a model; 409 if the name is taken. */
    public ObjectNode createModel(String name, String description, String user) {
        db.write(c -> {
            if (exists(c, name)) {
                throw HttpError.conflict("model '" + name + "' already exists");
            }
            insertModel(c, name, description, user);
            return null;
        });
        return model(name, false);
    }

    /** Every model, by name, without its versions. */
    public ArrayNode models() {
        return db.read(c -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM models ORDER BY name")) {
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                out.add(modelNode(c, name, false));
            }
            return out;
        });
    }

    /** One model; with its version summaries, newest first, when {@code withVersions}. 404 if unknown. */
    public ObjectNode model(String name, boolean withVersions) {
        return db.read(c -> modelNode(c, name, withVersions));
    }

    private ObjectNode modelNode(Connection c, String name, boolean withVersions) throws SQLException {
        ObjectNode m = Json.MAPPER.createObjectNode();
        try (PreparedStatement s = c.prepareStatement("SELECT name, description, created_at FROM models WHERE name = ?")) {
            s.setString(1, name);
            ResultSet rs = s.executeQuery();
            if (!rs.next()) {
                throw HttpError.notFound("no model named '" + name + "'");
            }
            m.put("name", rs.getString(1));
            m.put("description", rs.getString(2));
            m.put("createdAt", rs.getString(3));
        }
        Integer latest = null;
        String task = null;
        int count = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version, task FROM versions WHERE model = ? ORDER BY version DESC")) {
            s.setString(1, name);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                if (latest == null) {
                    latest = rs.getInt(1);
                    task = rs.getString(2);
                }
                count++;
            }
        }
        if (latest == null) {
            m.putNull("latestVersion");
        } else {
            m.put("latestVersion", latest);
        }
        m.put("versionCount", count);
        m.set("aliases", aliasesNode(c, name));
        m.put("task", task);
        if (withVersions) {
            Map<Integer, List<String>> aliasesByVersion = aliasesByVersion(c, name);
            ArrayNode versions = m.putArray("versions");
            try (PreparedStatement s = c.prepareStatement("SELECT version, created_at, created_by, sha256, metrics"
                    + " FROM versions WHERE model = ? ORDER BY version DESC")) {
                s.setString(1, name);
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    ObjectNode v = versions.addObject();
                    v.put("version", rs.getInt(1));
                    v.put("createdAt", rs.getString(2));
                    v.put("createdBy", rs.getString(3));
                    v.put("sha256", rs.getString(4));
                    v.set("metrics", Json.parse(rs.getString(5)));
                    v.set("aliases", Json.MAPPER.valueToTree(aliasesByVersion.getOrDefault(rs.getInt(1), List.of())));
                }
            }
        }
        return m;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM models WHERE name = ?")) {
            s.setString(1, name);
            return s.executeQuery().next();
        }
    }

    private static void insertModel(Connection c, String name, String description, String user) throws SQLException {
        Sql.update(c, "INSERT INTO models (name, description, created_at, created_by) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING", name, description == null ? "" : description, Times.now(), user);
    }

    private void requireModel(Connection c, String name) throws SQLException {
        if (!exists(c, name)) {
            throw HttpError.notFound("no model named '" + name + "'");
        }
    }

    // --- versions ---------------------------------------------------------------------------------------

    /**
     * Stores the next version of a model (creating the model if new) and returns its number. The number is
     * max + 1 under the model's write lock; the unique (model, version) key guards it all the same.
     */
    public int addVersion(String model, NewVersion v) {
        return db.write(c -> {
            insertModel(c, model, "", v.createdBy());
            db.lockModel(c, model);
            int next = Sql.next(c, "versions", "version", model);
            Sql.update(c, "INSERT INTO versions (" + VERSION_COLUMNS + ", graph_svg)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    model, next, Times.now(), v.createdBy(), v.sha256(), v.sizeBytes(),
                    v.description() == null ? "" : v.description(), v.task(), v.target(), Json.text(v.inputSchema()),
                    Json.text(v.params()), Json.text(v.metrics()), Json.text(v.tags()), Json.text(v.lineage()),
                    v.graphSvg());
            return next;
        });
    }

    /** One version; 404 if the model or version is unknown. */
    public ObjectNode version(String model, int version) {
        return db.read(c -> {
            List<ObjectNode> found = versionNodes(c, model, version);
            if (found.isEmpty()) {
                requireModel(c, model);
                throw HttpError.notFound("model '" + model + "' has no version " + version);
            }
            return found.get(0);
        });
    }

    /** Every version of a model, newest first; 404 if the model is unknown. */
    public ArrayNode versions(String model) {
        return db.read(c -> {
            requireModel(c, model);
            ArrayNode out = Json.MAPPER.createArrayNode();
            versionNodes(c, model, null).forEach(out::add);
            return out;
        });
    }

    private List<ObjectNode> versionNodes(Connection c, String model, Integer only) throws SQLException {
        Map<Integer, List<String>> aliases = aliasesByVersion(c, model);
        String sql = "SELECT " + VERSION_COLUMNS + " FROM versions WHERE model = ?"
                + (only == null ? "" : " AND version = ?") + " ORDER BY version DESC";
        List<ObjectNode> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, model);
            if (only != null) {
                s.setInt(2, only);
            }
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                ObjectNode v = Json.MAPPER.createObjectNode();
                v.put("model", rs.getString("model"));
                v.put("version", rs.getInt("version"));
                v.put("createdAt", rs.getString("created_at"));
                v.put("createdBy", rs.getString("created_by"));
                v.put("sha256", rs.getString("sha256"));
                v.put("sizeBytes", rs.getLong("size_bytes"));
                v.put("description", rs.getString("description"));
                v.put("task", rs.getString("task"));
                v.put("target", rs.getString("target"));
                v.set("inputSchema", Json.parse(rs.getString("input_schema")));
                v.set("params", Json.parse(rs.getString("params")));
                v.set("metrics", Json.parse(rs.getString("metrics")));
                v.set("tags", Json.parse(rs.getString("tags")));
                v.set("lineage", Json.parse(rs.getString("lineage")));
                v.set("aliases", Json.MAPPER.valueToTree(aliases.getOrDefault(rs.getInt("version"), List.of())));
                out.add(v);
            }
        }
        return out;
    }

    /** The SHA-256 of a version's bundle; 404 if unknown. */
    public String bundleSha256(String model, int version) {
        return version(model, version).path("sha256").asText();
    }

    /** A version's pipeline graph as SVG, drawn once at registration; 404 if unknown. */
    public String graphSvg(String model, int version) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT graph_svg FROM versions WHERE model = ? AND version = ?")) {
                s.setString(1, model);
                s.setInt(2, version);
                ResultSet rs = s.executeQuery();
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            requireModel(c, model);
            throw HttpError.notFound("model '" + model + "' has no version " + version);
        });
    }

    /** Every SHA-256 any version refers to (for checks after a crash). */
    public List<String> allSha256() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT sha256 FROM versions")) {
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    // --- aliases ----------------------------------------------------------------------------------------

    /** Alias → version, for one model; 404 if the model is unknown. */
    public ObjectNode aliases(String model) {
        return db.read(c -> {
            requireModel(c, model);
            return aliasesNode(c, model);
        });
    }

    private static ObjectNode aliasesNode(Connection c, String model) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        try (PreparedStatement s = c.prepareStatement("SELECT alias, version FROM aliases WHERE model = ? ORDER BY alias")) {
            s.setString(1, model);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static Map<Integer, List<String>> aliasesByVersion(Connection c, String model) throws SQLException {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT alias, version FROM aliases WHERE model = ? ORDER BY alias")) {
            s.setString(1, model);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                out.computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(rs.getString(1));
            }
        }
        return out;
    }

    /** The version an alias points at now, or at {@code at} when given; 404 if none. */
    public int alias(String model, String alias, String at) {
        return db.read(c -> {
            requireModel(c, model);
            if (at == null) {
                try (PreparedStatement s = c.prepareStatement("SELECT version FROM aliases WHERE model = ? AND alias = ?")) {
                    s.setString(1, model);
                    s.setString(2, alias);
                    ResultSet rs = s.executeQuery();
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                throw HttpError.notFound("model '" + model + "' has no alias '" + alias + "'");
            }
            try (PreparedStatement s = c.prepareStatement("SELECT to_version FROM alias_moves"
                    + " WHERE model = ? AND alias = ? AND moved_at <= ? ORDER BY seq DESC")) {
                s.setString(1, model);
                s.setString(2, alias);
                s.setString(3, at);
                s.setMaxRows(1);
                ResultSet rs = s.executeQuery();
                if (rs.next()) {
                    int v = rs.getInt(1);
                    if (!rs.wasNull()) {
                        return v;
                    }
                }
            }
            throw HttpError.notFound("alias '" + alias + "' of model '" + model + "' pointed at no version at " + at);
        });
    }

    /**
     * Moves an alias to a version (or deletes it, for null) and appends the move to its history, in one
     * transaction. Returns the move. 404 if the model or version is unknown, or when deleting a missing alias.
     */
    public ObjectNode moveAlias(String model, String alias, Integer version, String reason, String user) {
        return db.write(c -> {
            requireModel(c, model);
            db.lockModel(c, model);
            if (version != null && versionNodes(c, model, version).isEmpty()) {
                throw HttpError.notFound("model '" + model + "' has no version " + version);
            }
            Integer from = null;
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM aliases WHERE model = ? AND alias = ?")) {
                s.setString(1, model);
                s.setString(2, alias);
                ResultSet rs = s.executeQuery();
                if (rs.next()) {
                    from = rs.getInt(1);
                }
            }
            if (version == null && from == null) {
                throw HttpError.notFound("model '" + model + "' has no alias '" + alias + "' to delete");
            }
            Sql.update(c, "DELETE FROM aliases WHERE model = ? AND alias = ?", model, alias);
            if (version != null) {
                Sql.update(c, "INSERT INTO aliases (model, alias, version) VALUES (?, ?, ?)", model, alias, version);
            }
            String at = Times.now();
            Sql.update(c, "INSERT INTO alias_moves (model, seq, alias, from_version, to_version, moved_by, moved_at,"
                            + " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    model, Sql.next(c, "alias_moves", "seq", model), alias, new Sql.NullableInt(from),
                    new Sql.NullableInt(version), user, at, reason == null ? "" : reason);
            return move(model, alias, from, version, user, at, reason == null ? "" : reason);
        });
    }

    /** The alias moves of a model (of one alias when not null), oldest first. */
    public ArrayNode aliasHistory(String model, String alias) {
        return db.read(c -> {
            requireModel(c, model);
            ArrayNode out = Json.MAPPER.createArrayNode();
            try (PreparedStatement s = c.prepareStatement("SELECT alias, from_version, to_version, moved_by, moved_at,"
                    + " reason FROM alias_moves WHERE model = ?" + (alias == null ? "" : " AND alias = ?") + " ORDER BY seq")) {
                s.setString(1, model);
                if (alias != null) {
                    s.setString(2, alias);
                }
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    out.add(move(model, rs.getString(1), integer(rs, 2), integer(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    private static ObjectNode move(String model, String alias, Integer from, Integer to, String by, String at, String reason) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("model", model);
        m.put("alias", alias);
        m.put("fromVersion", from);
        m.put("toVersion", to);
        m.put("movedBy", by);
        m.put("at", at);
        m.put("reason", reason);
        return m;
    }

    // --- compare ----------------------------------------------------------------------------------------

    /** Metrics and params of the given versions side by side; 404 names the first unknown version. */
    public ObjectNode compare(String model, List<Integer> versions) {
        return db.read(c -> {
            requireModel(c, model);
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("versions", Json.MAPPER.valueToTree(versions));
            ObjectNode metrics = out.putObject("metrics");
            ObjectNode params = out.putObject("params");
            for (int v : versions) {
                List<ObjectNode> found = versionNodes(c, model, v);
                if (found.isEmpty()) {
                    throw HttpError.notFound("model '" + model + "' has no version " + v);
                }
                spread(found.get(0).path("metrics"), metrics, v);
                spread(found.get(0).path("params"), params, v);
            }
            return out;
        });
    }

    private static void spread(JsonNode values, ObjectNode into, int version) {
        values.properties().forEach(e -> {
            ObjectNode row = into.has(e.getKey()) ? (ObjectNode) into.get(e.getKey()) : into.putObject(e.getKey());
            row.set(Integer.toString(version), e.getValue());
        });
    }

    // --- deployments ------------------------------------------------------------------------------------

    /** Records where a version runs; the same model and target again updates that row. */
    public ObjectNode recordDeployment(String model, int version, String alias, String target, String kind,
                                       String status, String user) {
        return db.write(c -> {
            requireModel(c, model);
            db.lockModel(c, model);
            if (versionNodes(c, model, version).isEmpty()) {
                throw HttpError.notFound("model '" + model + "' has no version " + version);
            }
            String id = null;
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM deployments WHERE model = ? AND target = ?")) {
                s.setString(1, model);
                s.setString(2, target);
                ResultSet rs = s.executeQuery();
                if (rs.next()) {
                    id = rs.getString(1);
                }
            }
            String now = Times.now();
            if (id == null) {
                id = UUID.randomUUID().toString();
                Sql.update(c, "INSERT INTO deployments (id, model, version, alias, target, kind, status, created_by,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id, model, version, alias, target, kind, status, user, now);
            } else {
                Sql.update(c, "UPDATE deployments SET version = ?, alias = ?, kind = ?, status = ?, created_by = ?,"
                        + " updated_at = ? WHERE id = ?", version, alias, kind, status, user, now, id);
            }
            appendDeploymentEvent(c, model, version, alias, target, kind, status, user, now);
            return deploymentNodes(c, "id = ?", id).get(0);
        });
    }

    // The deployments row says what runs now; this event keeps what ran before. Same transaction as the row.
    private static void appendDeploymentEvent(Connection c, String model, int version, String alias, String target,
                                              String kind, String status, String user, String at) throws SQLException {
        Sql.update(c, "INSERT INTO deployment_events (model, seq, version, alias, target, kind, status, created_by,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                model, Sql.next(c, "deployment_events", "seq", model), version, alias, target, kind, status, user, at);
    }

    /** Every deployment recorded for a model (at one target when not null), oldest first; 404 if the model is unknown. */
    public ArrayNode deploymentHistory(String model, String target) {
        return db.read(c -> {
            requireModel(c, model);
            ArrayNode out = Json.MAPPER.createArrayNode();
            try (PreparedStatement s = c.prepareStatement("SELECT version, alias, target, kind, status, created_by,"
                    + " recorded_at FROM deployment_events WHERE model = ?" + (target == null ? "" : " AND target = ?")
                    + " ORDER BY seq")) {
                s.setString(1, model);
                if (target != null) {
                    s.setString(2, target);
                }
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    ObjectNode e = out.addObject();
                    e.put("model", model);
                    e.put("version", rs.getInt(1));
                    e.put("alias", rs.getString(2));
                    e.put("target", rs.getString(3));
                    e.put("kind", rs.getString(4));
                    e.put("status", rs.getString(5));
                    e.put("createdBy", rs.getString(6));
                    e.put("at", rs.getString(7));
                }
            }
            return out;
        });
    }

    /** Deployments of one model, or of all when {@code model} is null, most recently updated first. */
    public ArrayNode deployments(String model) {
        return db.read(c -> {
            if (model != null) {
                requireModel(c, model);
            }
            ArrayNode out = Json.MAPPER.createArrayNode();
            deploymentNodes(c, model == null ? null : "model = ?", model).forEach(out::add);
            return out;
        });
    }

    private static List<ObjectNode> deploymentNodes(Connection c, String where, String arg) throws SQLException {
        List<ObjectNode> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, model, version, alias, target, kind, status,"
                + " created_by, updated_at FROM deployments" + (where == null ? "" : " WHERE " + where)
                + " ORDER BY updated_at DESC, id")) {
            if (where != null) {
                s.setString(1, arg);
            }
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                ObjectNode d = Json.MAPPER.createObjectNode();
                d.put("id", rs.getString(1));
                d.put("model", rs.getString(2));
                d.put("version", rs.getInt(3));
                d.put("alias", rs.getString(4));
                d.put("target", rs.getString(5));
                d.put("kind", rs.getString(6));
                d.put("status", rs.getString(7));
                d.put("createdBy", rs.getString(8));
                d.put("updatedAt", rs.getString(9));
                out.add(d);
            }
        }
        return out;
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
