package org.bighead.productionize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bighead.cli.registry.RegistryOptions;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bighead export FILE.bighead --name NAME [...]}: the export flow for a bundle file, with the flags of
 * {@code %bighead export}; a line per step, or {@code --json}.
 */
@Command(
        name = "bighead export",
        mixinStandardHelpOptions = true,
        description = "Export a bundle to production: validate, register (moving --alias), serve, schedule jobs;"
                + " a failed step rolls back what the earlier ones made.",
        footer = {
            "",
            "Examples:",
            "  ./bighead export listing-price.bighead --name listing-price --alias champion --serve",
            "  ./bighead export model.bighead --name listing-price --alias champion \\",
            "      --schedule \"retrain @weekly --metric test.rmse\" \\",
            "      --batch \"@daily --input listings.csv --output scores/{date}.parquet\""
        })
public final class ExportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "FILE", description = "The .bighead bundle to export.")
    Path bundle;

    @Option(names = "--name", required = true, description = "The model's name in the registry (created if new).")
    String name;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Move this alias (e.g. champion) to the version.")
    String alias;

    @ArgGroup(exclusive = false, heading = "Serving:%n")
    ServeOptions serve;

    @Option(
            names = "--schedule",
            paramLabel = "SPEC",
            description = "A job: \"KIND WHEN [options of jobs create]\", e.g. \"retrain @weekly --metric test.rmse\""
                    + " (repeatable).")
    List<String> schedules = new ArrayList<>();

    @Option(
            names = "--batch",
            paramLabel = "SPEC",
            description = "A batch-score job: \"WHEN --input IN --output OUT\" (repeatable).")
    List<String> batches = new ArrayList<>();

    @Option(names = "--force", description = "Register a new version even if the registry has these exact bytes.")
    boolean force;

    @Option(
            names = "--trust-code",
            description = "The bundle carries code (classes written in a notebook) and you trust it: loading runs it.")
    boolean trustCode;

    @Mixin
    RegistryOptions registry;

    /** {@code --serve [--port P] [--docker [--environment E]] [--k8s DIR]}. */
    static final class ServeOptions {
        @Option(names = "--serve", required = true, description = "Start an endpoint (a local serving process).")
        boolean serve;

        @Option(names = "--port", paramLabel = "P", description = "Its port (default: a free one).")
        int port;

        @Option(names = "--docker", description = "Serve in a container on the environment's runtime image instead.")
        boolean docker;

        @Option(names = "--environment", paramLabel = "ENV", description = "The environment of --docker.")
        String environment;

        @Option(names = "--k8s", paramLabel = "DIR", description = "Write Kubernetes manifests to DIR instead.")
        Path k8s;

        ExportRequest.Serve toServe() {
            if (docker && k8s != null) {
                throw new IllegalArgumentException("--docker and --k8s are two ways to serve; pick one");
            }
            if (k8s != null) {
                return ExportRequest.Serve.kubernetes(k8s);
            }
            return docker ? ExportRequest.Serve.docker(port, environment) : ExportRequest.Serve.local(port);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalArgumentException("no bundle file at " + bundle);
        }
        byte[] bytes = Files.readAllBytes(bundle);
        FittedPipeline model = Bundle.read(
                new ByteArrayInputStream(bytes), bundle.toString(), trustCode ? BundleCode.TRUST : BundleCode.REFUSE);
        ExportRequest request =
                new ExportRequest(name, alias, serve == null ? null : serve.toServe(), schedules, batches, force);
        var client = registry.client();
        Exporter exporter = new Exporter(client, request.serve() == null ? null : ExportDeployer.of(client.url()));
        StepLines lines = new StepLines(registry.json() ? System.err : System.out);
        Exporter.Result result;
        try {
            result = exporter.export(model, bytes, Provenance.ofUser(System.getProperty("user.name")), request, lines);
        } catch (ExportException e) {
            System.err.println("bighead export: " + e.getMessage());
            return 1;
        }
        ObjectNode out = JSON.createObjectNode()
                .put("model", result.model())
                .put("version", result.version())
                .put("unchanged", result.unchanged())
                .put("url", result.versionUrl(client.url()));
        out.put("alias", result.alias());
        out.put("endpoint", result.endpoint());
        result.jobs().forEach(out.putArray("jobs")::add);
        if (!registry.printedJson(out)) {
            System.out.println((result.unchanged() ? "unchanged: " : "exported ") + result.model() + " v"
                    + result.version() + " " + result.versionUrl(client.url()));
            if (result.endpoint() != null) {
                System.out.println("endpoint " + result.endpoint());
            }
        }
        return 0;
    }
}
