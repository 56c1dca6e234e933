package org.bighead.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bighead.pipeline.viz.DataProfile;

/**
 * What a bundle says about how its model was made, for the registry, lineage and people.
 *
 * @param createdAt         ISO-8601 instant the fit finished
 * @param fitMillis         wall time of the fit
 * @param trainingRows      rows trained on
 * @param libraryVersions   Bighead, Java, Tablesaw, XGBoost, DJL versions
 * @param dataFingerprint   "sha256:..." of the training table's content
 * @param profile           per-column profile of the training table
 * @param featureImportance feature to importance, highest first
 * @param metrics           data set name ("train", "test", ...) to metric name to value
 */
public record Metadata(
        String createdAt,
        long fitMillis,
        long trainingRows,
        Map<String, String> libraryVersions,
        String dataFingerprint,
        DataProfile profile,
        Map<String, Double> featureImportance,
        Map<String, Map<String, Double>> metrics) {

    /** Versions of the libraries a bundle depends on, as found on the class path. */
    static Map<String, String> currentLibraryVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bighead", Versions.BIGHEAD);
        v.put("java", System.getProperty("java.version"));
        v.put("tablesaw", Versions.of(tech.tablesaw.api.Table.class, "0.44.4"));
        v.put("xgboost4j", Versions.of(ml.dmlc.xgboost4j.java.Booster.class, "3.4.0"));
        v.put("djl", Versions.of(ai.djl.Model.class, "0.36.0"));
        return v;
    }

    /** A copy with the metrics of one more data set. */
    Metadata withMetrics(String dataSet, Map<String, Double> values) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>(metrics);
        all.put(dataSet, values);
        return new Metadata(
                createdAt, fitMillis, trainingRows, libraryVersions, dataFingerprint, profile, featureImportance, all);
    }
}
