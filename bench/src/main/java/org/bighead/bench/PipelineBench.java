package org.bighead.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.RowBuffer;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Scorer;
import org.bighead.pipeline.Split;
import org.bighead.pipeline.Values;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoostModel;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The reference pipeline (200 trees, depth 6) measured against xgboost4j in the same run: single-row predict
 * latency, one-thread batch throughput, bundle load time and fit time. Prints figures; asserts nothing.
 */
public final class PipelineBench {
    private PipelineBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rows = Integer.parseInt(options.getOrDefault("--rows", "20000"));
        int fitRows = Integer.parseInt(options.getOrDefault("--fit-rows", "100000"));
        int calls = Integer.parseInt(options.getOrDefault("--calls", "200000"));

        Table listings = Listings.generate(rows, 42);
        Split.Parts split = Split.random(listings, 0.8, 42);
        FittedPipeline model = ListingsPipelines.price().fit(split.train());
        Table test = split.test();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < test.rowCount(); i++) {
            requests.add(row(test, i));
        }
        System.out.printf(
                "reference pipeline: %s%n  trained on %,d rows; %,d test rows%n%n",
                model.stages().keySet(), split.train().rowCount(), test.rowCount());

        // --- single-row latency ---
        Scorer scorer = model.scorer();
        double[] ours = latencies(calls, i -> scorer.score(requests.get(i % requests.size())));
        double[] oursPrediction = latencies(
                calls, i -> model.predict(requests.get(i % requests.size())).value());

        XGBoostModel trees = (XGBoostModel) model.model();
        float[][] features = features(model, requests);
        Booster booster = XGBoost.loadModel(trees.modelJson());
        booster.setParam("nthread", 1);
        int nf = features[0].length;
        double[] x = new double[nf];
        double[] out = new double[2];
        double[] treesOnly = latencies(calls, i -> {
            float[] f = features[i % features.length];
            for (int j = 0; j < nf; j++) x[j] = f[j];
            trees.predict(x, out);
            return out[0];
        });
        int referenceCalls = Math.max(2_000, calls / 20);
        double[] reference = latencies(referenceCalls, i -> {
            try {
                DMatrix m = new DMatrix(features[i % features.length], 1, nf, Float.NaN);
                float v = booster.predict(m)[0][0];
                m.dispose();
                return v;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("single-row predict latency (µs)            p50      p99     mean");
        print("  Bighead Scorer.score(Map), full pipeline", ours);
        print("  Bighead predict(Map) -> Prediction", oursPrediction);
        print("  Bighead trees only (features ready)", treesOnly);
        print("  xgboost4j predict (1-row DMatrix, nthread=1)", reference);
        System.out.printf(
                Locale.ROOT,
                "  => full Bighead pipeline is %.0fx faster than xgboost4j's trees alone%n%n",
                percentile(reference, 50) / percentile(ours, 50));

        // --- agreement with xgboost4j ---
        DMatrix all = new DMatrix(flatten(features), features.length, nf, Float.NaN);
        float[][] native_ = booster.predict(all);
        double worst = 0;
        for (int i = 0; i < features.length; i++) {
            for (int j = 0; j < nf; j++) x[j] = features[i][j];
            trees.predict(x, out);
            worst = Math.max(worst, Math.abs(out[0] - native_[i][0]) / Math.max(1e-6, Math.abs(native_[i][0])));
        }
        System.out.printf(
                Locale.ROOT, "max relative difference to xgboost4j over %,d rows: %.2e%n%n", features.length, worst);

        // --- batch throughput, one thread ---
        Table big = test;
        while (big.rowCount() < 100_000) big = big.append(test);
        Table batch = big;
        double ourBatch = throughput(batch.rowCount(), () -> model.score(batch));
        float[][] bigFeatures = new float[batch.rowCount()][];
        for (int i = 0; i < bigFeatures.length; i++) bigFeatures[i] = features[i % features.length];
        float[] bigFlat = flatten(bigFeatures);
        double xgbBatch = throughput(batch.rowCount(), () -> {
            try {
                // a new DMatrix each time: xgboost caches predictions per DMatrix, which would time nothing
                DMatrix m = new DMatrix(bigFlat, bigFeatures.length, nf, Float.NaN);
                booster.predict(m);
                m.dispose();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("batch scoring, one thread (rows/s)");
        System.out.printf(Locale.ROOT, "  Bighead score(Table), full pipeline        %,12.0f%n", ourBatch);
        System.out.printf(Locale.ROOT, "  xgboost4j DMatrix + predict, trees only    %,12.0f%n%n", xgbBatch);

        // --- bundle load ---
        Path file = Files.createTempFile("bench", ".bighead");
        model.save(file);
        double[] loads = new double[30];
        for (int i = 0; i < loads.length; i++) {
            long t = System.nanoTime();
            FittedPipeline.load(file);
            loads[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(
                Locale.ROOT,
                "bundle load (%,d bytes): first %.1f ms, median of next %d %.1f ms%n%n",
                Files.size(file),
                loads[0],
                loads.length - 1,
                percentile(Arrays.copyOfRange(loads, 1, loads.length), 50));
        System.out.printf(Locale.ROOT, "bundle load in a fresh JVM: %s%n%n", LoadOnce.inFreshJvm(file));
        Files.delete(file);

        // --- fit time ---
        Table fitData = Listings.generate(fitRows, 7);
        long t = System.nanoTime();
        ListingsPipelines.price().fit(fitData);
        System.out.printf(
                Locale.ROOT,
                "fit of the reference pipeline on %,d rows: %.1f s%n",
                fitRows,
                (System.nanoTime() - t) / 1e9);
    }

    interface Call {
        double run(int i);
    }

    static volatile double sink;

    /** Per-call latencies in µs after a warm-up of the same length. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // one thread writes sink, only to keep the JIT from dropping calls
    static double[] latencies(int calls, Call call) {
        for (int i = 0; i < calls; i++) sink += call.run(i);
        double[] out = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            sink += call.run(i);
            out[i] = (System.nanoTime() - t) / 1e3;
        }
        Arrays.sort(out);
        return out;
    }

    static double throughput(int rows, Runnable batch) {
        batch.run();
        batch.run();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t = System.nanoTime();
            batch.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return rows / (best / 1e9);
    }

    static double percentile(double[] sorted, double p) {
        double[] s = sorted.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    static void print(String label, double[] sorted) {
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        System.out.printf(
                Locale.ROOT, "%-45s %7.2f %8.2f %8.2f%n", label, percentile(sorted, 50), percentile(sorted, 99), mean);
    }

    /** The model's input features for each request, computed by the pipeline's own preprocessing stages. */
    static float[][] features(FittedPipeline model, List<Map<String, Object>> requests) {
        Layout layout = new Layout();
        List<Field> fields = model.inputSchema().fields();
        int[] slots =
                fields.stream().mapToInt(f -> layout.slot(f.name(), f.kind())).toArray();
        List<RowTransform> plan = new ArrayList<>();
        for (FittedStage stage : model.stages().values()) {
            if (!(stage instanceof FittedModel)) plan.add(stage.compile(layout));
        }
        FittedModel m = model.model();
        int[] featureSlots = m.features().stream().mapToInt(layout::numeric).toArray();
        RowBuffer row = layout.newBuffer();
        float[][] out = new float[requests.size()][];
        for (int i = 0; i < requests.size(); i++) {
            row.clear();
            for (int j = 0; j < fields.size(); j++) {
                Field f = fields.get(j);
                Object v = requests.get(i).get(f.name());
                if (f.kind() == Kind.NUMERIC) row.num[slots[j]] = Values.toNumber(f.name(), v);
                else row.str[slots[j]] = Values.toText(f.name(), v);
            }
            for (RowTransform t : plan) t.apply(row);
            out[i] = new float[featureSlots.length];
            for (int j = 0; j < featureSlots.length; j++) out[i][j] = (float) row.num[featureSlots[j]];
        }
        return out;
    }

    static float[] flatten(float[][] rows) {
        int nf = rows[0].length;
        float[] out = new float[rows.length * nf];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, out, i * nf, nf);
        return out;
    }

    static Map<String, Object> row(Table table, int i) {
        Map<String, Object> out = new HashMap<>();
        Row r = table.row(i);
        for (String c : Listings.FEATURES) {
            if (!r.isMissing(c)) out.put(c, r.getObject(c));
        }
        return out;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) out.put(args[i], args[i + 1]);
        return out;
    }
}
