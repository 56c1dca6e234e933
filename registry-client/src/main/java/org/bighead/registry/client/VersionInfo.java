package org.bighead.registry.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a caller says about a version it registers; every field may be null (the server fills metrics and lineage
 * from the bundle). The bundle's SHA-256 is computed by {@link RegistryClient#register}.
 */
public record VersionInfo(
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, String> tags,
        Lineage lineage,
        String description) {

    /** Nothing said: the server takes everything from the bundle. */
    public static VersionInfo empty() {
        return new VersionInfo(null, null, null, null, null);
    }

    /** A copy with one more tag. */
    public VersionInfo withTag(String key, String value) {
        Map<String, String> t = tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
        t.put(key, value);
        return new VersionInfo(params, metrics, t, lineage, description);
    }

    /** A copy with one more parameter. */
    public VersionInfo withParam(String key, String value) {
        Map<String, String> p = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        p.put(key, value);
        return new VersionInfo(p, metrics, tags, lineage, description);
    }

    /** A copy with this lineage. */
    public VersionInfo withLineage(Lineage value) {
        return new VersionInfo(params, metrics, tags, value, description);
    }

    /** A copy with this description. */
    public VersionInfo withDescription(String value) {
        return new VersionInfo(params, metrics, tags, lineage, value);
    }
}
