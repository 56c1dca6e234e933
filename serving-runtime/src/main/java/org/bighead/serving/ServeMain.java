package org.bighead.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bighead serve MODEL_OR_PATH}: serves one model over HTTP until SIGTERM or Ctrl-C, then drains. */
@Command(
        name = "bighead serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve a model over HTTP: Open Inference Protocol (KServe v2) under /v2, a records endpoint"
                    + " POST /v2/models/NAME/predict, Prometheus metrics at /metrics, OpenAPI at /openapi.json.",
            "SIGTERM or Ctrl-C stops accepting, lets requests in flight finish, then exits."
        })
public final class ServeMain implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "MODEL_OR_PATH",
            description = {
                "A .bighead file (its name without the extension is the model name in URLs), or a model in"
                        + " the registry: NAME@ALIAS follows the alias, NAME the latest version, NAME/3 version 3."
            })
    String model;

    @Setting("registry.url")
    @Option(
            names = "--registry",
            paramLabel = "URL",
            description = "The registry (default BIGHEAD_REGISTRY_URL, else"
                    + " http://127.0.0.1:8470); BIGHEAD_REGISTRY_TOKEN, if set, lets the server record its deployment.")
    String registry;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 8080; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(
            names = "--max-body",
            paramLabel = "SIZE",
            description = "Largest request body, e.g. 512k, 1m (default 1m);" + " bigger gets 413.")
    String maxBody = "1m";

    @Option(
            names = "--max-inflight",
            paramLabel = "N",
            description = "Scoring requests handled at once (default 4 per"
                    + " core); more get 503 with Retry-After at once.")
    Integer maxInflight;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            description =
                    "Check the model for a new version this often,"
                            + " e.g. 2s, and swap without dropping requests (default: 2s for a registry alias, never for a file).")
    String poll;

    @Option(
            names = "--strict",
            description = "Reject columns the model does not take (by default: ignored, named in"
                    + " the response's warnings), categories not seen in training, rows missing an input column and values of"
                    + " another type than the column's (text for a number, 1 for a boolean, a number for text).")
    boolean strict;

    @Option(
            names = "--reference-endpoint",
            description = "Also serve POST /reference/constant (a fixed reply, for" + " benchmarks).")
    boolean referenceEndpoint;

    @Option(
            names = "--drain",
            paramLabel = "DURATION",
            description = "How long shutdown waits for requests in flight" + " (default 10s).")
    String drain = "10s";

    @Option(
            names = "--trust-code",
            description = "Load the code a bundle file carries (classes written in a notebook): loading runs it, so"
                    + " only for files you trust. Bundles from the registry are trusted.")
    boolean trustCode;

    private volatile ServingServer server;
    private Settings settings = Settings.of(java.util.Map.of(), java.util.Map.of());

    /** Builds the one config record from the options; a registry alias is polled every 2 s unless told. */
    ServeConfig config(ModelSource source) {
        Duration every = poll != null
                ? Durations.parse(poll)
                : source instanceof RegistrySource r && r.follows() ? DEFAULT_REGISTRY_POLL : null;
        return new ServeConfig(
                host,
                port,
                ByteSize.parse(maxBody),
                maxInflight == null ? ServeConfig.defaultMaxInflight() : maxInflight,
                every,
                strict,
                referenceEndpoint,
                Durations.parse(drain));
    }

    private static final Duration DEFAULT_REGISTRY_POLL = Duration.ofSeconds(2);
    private static final Duration STOP_REPORT_TIMEOUT = Duration.ofSeconds(2);

    /** A file source for a path (or anything ending in .bighead), else a registry reference. */
    ModelSource source() {
        Path path = Path.of(model);
        if (model.endsWith(".bighead") || Files.exists(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no bundle at " + path);
            }
            return new BundleFileSource(path, trustCode);
        }
        ModelRef ref = ModelRef.parse(model);
        // a token is a secret: from BIGHEAD_REGISTRY_TOKEN or the (owner-only) config file, never from argv
        RegistryClient client = new RegistryClient(
                registry != null ? registry : RegistryClient.DEFAULT_URL,
                settings.get("registry.token").orElse(null));
        return new RegistrySource(client, ref, RegistrySource.defaultCache());
    }

    @Override
    public Integer call() throws IOException {
        ModelSource source = source();
        ServeConfig config = config(source);
        ServingServer server = ServingServer.start(config, source);
        this.server = server;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.err.println("Stopping: finishing requests in flight...");
                            server.close();
                            if (source instanceof RegistrySource registrySource) {
                                registrySource.reportStopped(
                                        STOP_REPORT_TIMEOUT); // best effort: a slow registry delays exit 2 s at most
                            }
                        },
                        "bighead-serve-shutdown"));
        LoadedModel served = server.models().current();
        if (source instanceof RegistrySource registrySource) {
            registrySource.reportDeploymentsTo(server.url(), served.resolved().version());
        }
        System.out.printf(
                Locale.ROOT,
                "Serving %s %s on %s (ready in %.2f s)%n",
                served.name(),
                served.resolved().displayVersion(),
                server.url(),
                secondsSinceStart());
        System.out.flush();
        return 0;
    }

    /** JVM uptime: the process's own start time on Linux is only as precise as the boot time, a whole second. */
    private static double secondsSinceStart() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    /** Runs the command; the process lives on while the server does. */
    public static void main(String[] args) {
        ServeMain command = new ServeMain();
        CommandLine cli;
        try {
            command.settings = Settings.load();
            cli = SettingsDefaults.install(new CommandLine(command), "serve", command.settings);
        } catch (SettingsException e) {
            System.err.println("bighead serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean expected = e instanceof IOException
                    || e instanceof IllegalArgumentException
                    || e instanceof org.bighead.pipeline.PipelineException
                    || e instanceof RegistryException;
            System.err.println("bighead serve: " + (expected ? e.getMessage() : e.toString()));
            return 1;
        });
        int code = cli.execute(args);
        if (command.server == null) {
            System.exit(code); // help, a usage error or a failed start; otherwise Jetty's threads keep us running
        }
    }
}
