package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bighead.registry.Json;
import org.bighead.registry.Times;

/** A version's metrics on new data, as evaluate jobs measured them (newest first). */
public final class EvaluationStore {
    /** One evaluation: which version, which job run, on what data, what it measured, and the alert if any. */
    public record Evaluation(
            String model,
            int version,
            String job,
            String logicalTime,
            String evaluatedAt,
            String input,
            long rows,
            JsonNode metrics,
            String alert) {}

    private static final Sql.Row<Evaluation> ROW = rs -> new Evaluation(
            rs.getString("model"),
            rs.getInt("version"),
            rs.getString("job_name"),
            rs.getString("logical_time"),
            rs.getString("evaluated_at"),
            rs.getString("input"),
            rs.getLong("row_count"),
            Json.parse(rs.getString("metrics")),
            rs.getString("alert"));

    private final Database db;

    /** Evaluations in this database. */
    public EvaluationStore(Database db) {
        this.db = db;
    }

    /** Records an evaluation; a second record for the same version and job run is ignored (a retried run). */
    public void record(
            String model,
            int version,
            String job,
            String logicalTime,
            String input,
            long rows,
            ObjectNode metrics,
            String alert) {
        db.write(c -> Sql.update(
                c,
                "INSERT INTO evaluations (model, version, job_name, logical_time, evaluated_at, input, row_count,"
                        + " metrics, alert) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (model, version, job_name, logical_time) DO NOTHING",
                model,
                version,
                job,
                logicalTime,
                Times.now(),
                input,
                rows,
                Json.text(metrics),
                alert));
    }

    /** A version's evaluations, newest first. */
    public List<Evaluation> evaluations(String model, int version) {
        return db.read(c -> Sql.query(
                c,
                "SELECT * FROM evaluations WHERE model = ? AND version = ? ORDER BY evaluated_at DESC, job_name",
                ROW,
                model,
                version));
    }
}
