package org.bighead.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bighead.registry.Json;
import org.bighead.registry.client.Deployment;
import org.bighead.registry.client.DeploymentEvent;
import org.bighead.registry.store.AliasMoveRow;
import org.bighead.registry.store.EnvironmentRow;
import org.bighead.registry.store.ModelDetail;
import org.bighead.registry.store.ModelRow;
import org.bighead.registry.store.VersionRow;

/**
 * API.md's JSON shapes built from the stores' records: Model, VersionSummary, Version, Move, Deployment, Event,
 * Environment.
 */
final class Views {
    private Views() {}

    /** Model (without versions). */
    static ObjectNode model(ModelRow m) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("name", m.name());
        out.put("description", m.description());
        out.put("createdAt", m.createdAt());
        out.put("latestVersion", m.latestVersion());
        out.put("versionCount", m.versionCount());
        out.set("aliases", aliases(m.aliases()));
        out.put("task", m.task());
        return out;
    }

    /** Model plus {@code versions}: VersionSummary, newest first. */
    static ObjectNode model(ModelDetail detail) {
        ObjectNode out = model(detail.model());
        ArrayNode versions = out.putArray("versions");
        for (VersionRow v : detail.versions()) {
            ObjectNode s = versions.addObject();
            s.put("version", v.version());
            s.put("createdAt", v.createdAt());
            s.put("createdBy", v.createdBy());
            s.put("sha256", v.sha256());
            s.set("metrics", v.metrics());
            s.set("aliases", Json.MAPPER.valueToTree(v.aliases()));
        }
        return out;
    }

    /** Version. */
    static ObjectNode version(VersionRow v) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", v.model());
        out.put("version", v.version());
        out.put("createdAt", v.createdAt());
        out.put("createdBy", v.createdBy());
        out.put("sha256", v.sha256());
        out.put("sizeBytes", v.sizeBytes());
        out.put("description", v.description());
        out.put("task", v.task());
        out.put("target", v.target());
        out.set("inputSchema", v.inputSchema());
        out.set("params", v.params());
        out.set("metrics", v.metrics());
        out.set("tags", v.tags());
        out.set("lineage", v.lineage());
        out.set("aliases", Json.MAPPER.valueToTree(v.aliases()));
        return out;
    }

    /** {@code {"champion": 2, …}}. */
    static ObjectNode aliases(Map<String, Integer> aliases) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        aliases.forEach(out::put);
        return out;
    }

    // records become JSON with their components as keys, in declaration order (nulls kept): the API's shape

    /** An alias move: model, alias, fromVersion, toVersion, movedBy, at, reason. */
    static ObjectNode move(AliasMoveRow m) {
        return Json.MAPPER.valueToTree(m);
    }

    /** A deployment: id, model, version, alias, target, kind, status, createdBy, updatedAt. */
    static ObjectNode deployment(Deployment d) {
        return Json.MAPPER.valueToTree(d);
    }

    /** A deployment event: model, version, alias, target, kind, status, createdBy, at, endedAt, replacedBy. */
    static ObjectNode event(DeploymentEvent e) {
        return Json.MAPPER.valueToTree(e);
    }

    /**
     * An environment: name, from, description, spec, spec_hash, image, image_digest, created_by, created_at,
     * built_at, bighead_version (nulls kept: not built yet).
     */
    static ObjectNode environment(EnvironmentRow e) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("name", e.name());
        out.put("from", e.from());
        out.put("description", e.description());
        out.set("spec", e.spec());
        out.put("spec_hash", e.specHash());
        out.put("image", e.image());
        out.put("image_digest", e.imageDigest());
        out.put("created_by", e.createdBy());
        out.put("created_at", e.createdAt());
        out.put("built_at", e.builtAt());
        out.put("bighead_version", e.bigheadVersion());
        return out;
    }

    /** Metrics and params of versions side by side: name → version number as text → value. */
    static ObjectNode comparison(List<Integer> numbers, List<VersionRow> versions) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("versions", Json.MAPPER.valueToTree(numbers));
        ObjectNode metrics = out.putObject("metrics");
        ObjectNode params = out.putObject("params");
        for (VersionRow v : versions) {
            spread(v.metrics(), metrics, v.version());
            spread(v.params(), params, v.version());
        }
        return out;
    }

    private static void spread(JsonNode values, ObjectNode into, int version) {
        values.properties().forEach(e -> {
            ObjectNode row = into.has(e.getKey()) ? (ObjectNode) into.get(e.getKey()) : into.putObject(e.getKey());
            row.set(Integer.toString(version), e.getValue());
        });
    }

    /** A JSON array of {@code items}, each through {@code view}. */
    static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> view) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        items.forEach(i -> out.add(view.apply(i)));
        return out;
    }
}
