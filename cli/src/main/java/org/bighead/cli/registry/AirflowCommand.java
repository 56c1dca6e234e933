package org.bighead.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bighead jobs airflow --out DIR [--check]}: one Airflow 3 DAG file per job of the registry
 * ({@link AirflowDags} makes the text), written atomically; files of jobs that are gone are removed. With
 * {@code --check}, Airflow itself (its own venv, which {@code ./bighead} makes) loads the folder.
 */
@Command(
        name = "airflow",
        mixinStandardHelpOptions = true,
        description = {
            "Write one Airflow 3 DAG file per job into DIR (bighead_NAME.py; files of deleted jobs are removed)."
                    + " Each DAG has the job's schedule, zone, catch-up, retries and timeout, and one task that runs"
                    + " `bighead jobs run NAME --wait --logical-time <the Airflow run's logical time>`: the registry"
                    + " runs the job and records the run, once per logical time. On the Airflow side the Variables"
                    + " bighead_launcher and bighead_registry_url (default: --launcher and --url here) say where"
                    + " bighead and the registry are; workers need BIGHEAD_REGISTRY_TOKEN (a write token).",
            "--json prints the folder, the DAGs written and the files removed as JSON (--check's line follows it).",
            "With --check, real Airflow (.bighead/airflow-venv, pinned in scheduler-bridge/requirements-airflow.txt)"
                    + " loads DIR and prints 'N DAGs, 0 import errors', or the errors (exit 1)."
        })
final class AirflowCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    RegistryOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The DAG folder to write into.")
    Path out;

    @Option(names = "--check", description = "Load DIR with Airflow's DagBag afterwards; exit 1 on import errors.")
    boolean check;

    @Option(
            names = "--launcher",
            paramLabel = "PATH",
            description = "The bighead launcher the DAGs call by default (default: this checkout's).")
    String launcher;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; give a folder for the DAG files");
        }
        String root = System.getenv("BIGHEAD_ROOT");
        String python = System.getenv("BIGHEAD_AIRFLOW_PYTHON");
        if (check && (root == null || python == null)) {
            throw new IllegalStateException(
                    "--check needs Airflow's venv: run it as ./bighead jobs airflow (which makes .bighead/airflow-venv)");
        }
        String bighead = launcher != null
                ? launcher
                : root != null
                        ? Path.of(root, "bighead").toString()
                        : Path.of("bighead").toAbsolutePath().toString();
        AirflowDags.Defaults defaults = new AirflowDags.Defaults(bighead, options.url);

        JsonNode jobs = options.client().jobs();
        List<AirflowDags.DagFile> files = new ArrayList<>();
        for (JsonNode job : jobs) {
            files.add(AirflowDags.dag(job, defaults)); // every job checked before anything is written
        }
        Files.createDirectories(out);
        Set<String> names = new HashSet<>();
        for (AirflowDags.DagFile f : files) {
            write(out.resolve(f.fileName()), f.text());
            names.add(f.fileName());
        }
        List<String> removed = new ArrayList<>();
        try (Stream<Path> listing = Files.list(out)) {
            for (Path p : listing.sorted().toList()) {
                String file = p.getFileName().toString();
                if (file.endsWith(".py") && !names.contains(file) && generated(p)) {
                    Files.delete(p);
                    removed.add(file);
                }
            }
        }
        ObjectNode report =
                JSON.createObjectNode().put("dir", out.toAbsolutePath().toString());
        ArrayNode dags = report.putArray("dags");
        files.forEach(f -> dags.addObject().put("dagId", f.dagId()).put("file", f.fileName()));
        removed.forEach(report.putArray("removed")::add);
        if (!options.printedJson(report)) {
            System.out.println("wrote " + files.size() + " DAG file(s) to " + out
                    + (removed.isEmpty() ? "" : " (removed " + removed.size() + " of jobs that are gone)"));
        }
        System.out.flush();
        return check ? check(Path.of(python), Path.of(root, "scheduler-bridge", "check_dags.py")) : 0;
    }

    /** Runs the DagBag harness on the folder; its output is the command's. */
    private int check(Path python, Path harness) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        python.toString(),
                        harness.toString(),
                        out.toAbsolutePath().toString())
                .inheritIO()
                .start();
        return p.waitFor() == 0 ? 0 : 1;
    }

    /** Whether a file starts with the generated-file marker (only such files are ever removed). */
    private static boolean generated(Path p) {
        try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith(AirflowDags.MARKER);
        } catch (IOException | UncheckedIOException e) {
            return false; // unreadable or not UTF-8: not ours
        }
    }

    /** Writes a file whole or not at all: a temporary file beside it, then a rename. */
    private static void write(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
