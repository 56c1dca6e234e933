package org.bighead.pipeline.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Small, real data sets read from the CSV files that scikit-learn's wheel ships under
 * {@code sklearn/datasets/data}, so tests and demos need no download at run time.
 *
 * <p>Column names are the {@code feature_names} that scikit-learn's loaders give (its
 * {@code descr/*.rst} files describe them); the label column is {@value #TARGET}.
 */
public final class SklearnDatasets {

    /** Environment variable naming the venv that holds scikit-learn; otherwise {@code .venv} is searched for. */
    public static final String VENV_ENV = "BIGHEAD_VENV";
    /** Name of the label column in every table. */
    public static final String TARGET = "target";

    static final List<String> BREAST_CANCER_FEATURES = List.of(
            "mean radius",
            "mean texture",
            "mean perimeter",
            "mean area",
            "mean smoothness",
            "mean compactness",
            "mean concavity",
            "mean concave points",
            "mean symmetry",
            "mean fractal dimension",
            "radius error",
            "texture error",
            "perimeter error",
            "area error",
            "smoothness error",
            "compactness error",
            "concavity error",
            "concave points error",
            "symmetry error",
            "fractal dimension error",
            "worst radius",
            "worst texture",
            "worst perimeter",
            "worst area",
            "worst smoothness",
            "worst compactness",
            "worst concavity",
            "worst concave points",
            "worst symmetry",
            "worst fractal dimension");
    static final List<String> IRIS_FEATURES =
            List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)");
    static final List<String> WINE_FEATURES = List.of(
            "alcohol",
            "malic_acid",
            "ash",
            "alcalinity_of_ash",
            "magnesium",
            "total_phenols",
            "flavanoids",
            "nonflavanoid_phenols",
            "proanthocyanins",
            "color_intensity",
            "hue",
            "od280/od315_of_diluted_wines",
            "proline");
    static final List<String> DIABETES_FEATURES =
            List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    private static final Path DATA = Path.of("sklearn", "datasets", "data");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SklearnDatasets() {}

    /** The {@code sklearn/datasets/data} folder of the project's venv, if scikit-learn is installed there. */
    public static Optional<Path> dataDir() {
        return dataDir(System.getenv(VENV_ENV), Path.of("").toAbsolutePath());
    }

    /** Like {@link #dataDir()}, but fails with a hint to run setup when scikit-learn is not there. */
    public static Path requireDataDir() {
        return requireDataDir(System.getenv(VENV_ENV), Path.of("").toAbsolutePath());
    }

    static Optional<Path> dataDir(String venvEnv, Path cwd) {
        return sitePackages(venvs(venvEnv, cwd)).stream()
                .map(site -> site.resolve(DATA))
                .filter(Files::isDirectory)
                .findFirst();
    }

    static Path requireDataDir(String venvEnv, Path cwd) {
        return dataDir(venvEnv, cwd)
                .orElseThrow(() ->
                        new IllegalStateException("scikit-learn's data sets not found: run ./bighead setup (looked in "
                                + venvs(venvEnv, cwd).stream()
                                        .map(Path::toString)
                                        .collect(Collectors.joining(", "))
                                + " for lib/python3*/site-packages/" + DATA + ")"));
    }

    /** The venvs to look in: $BIGHEAD_VENV if set (and then only it), else every .venv from cwd upwards. */
    static List<Path> venvs(String venvEnv, Path cwd) {
        if (venvEnv != null && !venvEnv.isBlank()) {
            // An explicit venv is never second-guessed: falling back would hide a wrong setting.
            return List.of(Path.of(venvEnv).toAbsolutePath());
        }
        List<Path> venvs = new ArrayList<>();
        for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            venvs.add(dir.resolve(".venv"));
        }
        return venvs;
    }

    /** The site-packages folders of those venvs that exist: lib/python3.X on POSIX, Lib on Windows. */
    private static List<Path> sitePackages(List<Path> venvs) {
        List<Path> sites = new ArrayList<>();
        for (Path venv : venvs) {
            Path lib = venv.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> children = Files.list(lib)) {
                    children.filter(p -> p.getFileName().toString().startsWith("python3"))
                            .sorted() // listing order is up to the file system
                            .map(p -> p.resolve("site-packages"))
                            .filter(Files::isDirectory)
                            .forEach(sites::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + lib, e);
                }
            }
            Path windows = venv.resolve("Lib").resolve("site-packages");
            if (Files.isDirectory(windows) && !sites.contains(windows)) {
                sites.add(windows);
            }
        }
        return sites;
    }

    /** Breast cancer Wisconsin: 569 rows, 30 features, target "malignant" or "benign". */
    public static Table breastCancer() {
        return breastCancer(requireDataDir());
    }

    /** Breast cancer Wisconsin, read from the given {@code sklearn/datasets/data} folder. */
    public static Table breastCancer(Path dataDir) {
        return labelled("breast_cancer", dataDir.resolve("breast_cancer.csv"), BREAST_CANCER_FEATURES);
    }

    /** Fisher's iris: 150 rows, 4 features, target "setosa", "versicolor" or "virginica". */
    public static Table iris() {
        return iris(requireDataDir());
    }

    /** Fisher's iris, read from the given {@code sklearn/datasets/data} folder. */
    public static Table iris(Path dataDir) {
        return labelled("iris", dataDir.resolve("iris.csv"), IRIS_FEATURES);
    }

    /** Wine recognition: 178 rows, 13 features, target "class_0", "class_1" or "class_2". */
    public static Table wine() {
        return wine(requireDataDir());
    }

    /** Wine recognition, read from the given {@code sklearn/datasets/data} folder. */
    public static Table wine(Path dataDir) {
        return labelled("wine", dataDir.resolve("wine_data.csv"), WINE_FEATURES);
    }

    /** Diabetes regression: 442 rows, 10 unscaled features, double target (disease progression). */
    public static Table diabetes() {
        return diabetes(requireDataDir());
    }

    /** Diabetes regression, read from the given {@code sklearn/datasets/data} folder. */
    public static Table diabetes(Path dataDir) {
        // Raw features as load_diabetes(scaled=False) gives them (age in years, sex 1 or 2, ...):
        // scaling is the pipeline's job, not the loader's.
        List<double[]> x = readGzipRows(dataDir.resolve("diabetes_data_raw.csv.gz"), DIABETES_FEATURES.size());
        List<double[]> y = readGzipRows(dataDir.resolve("diabetes_target.csv.gz"), 1);
        if (x.size() != y.size()) {
            throw new IllegalStateException("diabetes: " + x.size() + " feature rows but " + y.size() + " targets");
        }
        Table t = features("diabetes", DIABETES_FEATURES, x);
        t.addColumns(DoubleColumn.create(TARGET, y.stream().mapToDouble(row -> row[0])));
        return t;
    }

    /**
     * Reads scikit-learn's labelled CSV layout: a first line "n_samples,n_features,name_0,name_1,...",
     * then rows of n_features numbers and a class index into those names.
     */
    private static Table labelled(String name, Path file, List<String> featureNames) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new IllegalStateException(file + " is empty");
            }
            String[] header = headerLine.split(",");
            int samples = Integer.parseInt(header[0].trim());
            int nFeatures = Integer.parseInt(header[1].trim());
            if (nFeatures != featureNames.size()) {
                throw new IllegalStateException(
                        file + " has " + nFeatures + " features, expected " + featureNames.size());
            }
            List<String> classes =
                    Arrays.stream(header, 2, header.length).map(String::trim).toList();

            List<double[]> rows = new ArrayList<>(samples);
            String[] labels = new String[samples];
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (rows.size() == samples) {
                    throw new IllegalStateException(file + " has more rows than the " + samples + " its header says");
                }
                String[] fields = line.split(",");
                if (fields.length != nFeatures + 1) {
                    throw new IllegalStateException(file + " row " + (rows.size() + 1) + " has " + fields.length
                            + " fields, expected " + (nFeatures + 1));
                }
                double[] row = new double[nFeatures];
                for (int j = 0; j < nFeatures; j++) {
                    row[j] = Double.parseDouble(fields[j].trim());
                }
                labels[rows.size()] = classes.get(Integer.parseInt(fields[nFeatures].trim()));
                rows.add(row);
            }
            if (rows.size() != samples) {
                throw new IllegalStateException(file + " has " + rows.size() + " rows, its header says " + samples);
            }
            Table t = features(name, featureNames, rows);
            t.addColumns(StringColumn.create(TARGET, labels));
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a gzipped, whitespace-separated numeric file with {@code width} numbers a line. */
    private static List<double[]> readGzipRows(Path file, int width) {
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String trimmed = line.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] fields = WHITESPACE.split(trimmed);
                if (fields.length != width) {
                    throw new IllegalStateException(file + " row " + (rows.size() + 1) + " has " + fields.length
                            + " fields, expected " + width);
                }
                double[] row = new double[width];
                for (int j = 0; j < width; j++) {
                    row[j] = Double.parseDouble(fields[j]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Table features(String name, List<String> featureNames, List<double[]> rows) {
        Table t = Table.create(name);
        for (int j = 0; j < featureNames.size(); j++) {
            int col = j;
            t.addColumns(DoubleColumn.create(featureNames.get(j), rows.stream().mapToDouble(row -> row[col])));
        }
        return t;
    }
}
