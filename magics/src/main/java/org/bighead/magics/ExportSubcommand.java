package org.bighead.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.productionize.Deployer;
import org.bighead.productionize.ExportButton;
import org.bighead.productionize.ExportDeployer;
import org.bighead.productionize.ExportException;
import org.bighead.productionize.ExportProgress;
import org.bighead.productionize.ExportRequest;
import org.bighead.productionize.ExportSession;
import org.bighead.productionize.Exporter;
import org.bighead.productionize.Provenance;
import org.bighead.registry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code %bighead export MODEL --name NAME [...]}: the export flow from a notebook, its steps ticking in a table under
 * the cell; without {@code --name} it shows the Export button (a form) instead.
 */
@Command(
        name = "export",
        description = "Export a fitted pipeline to production: register, serve, schedule (no --name: the button).",
        footer = {
            "",
            "Without --name: shows the Export button (a form) under the cell.",
            "",
            "Examples:",
            "  %%bighead export model",
            "  %%bighead export model --name listing-price --alias champion --serve",
            "  %%bighead export model --name listing-price --alias champion \\",
            "      --schedule \"retrain @weekly --metric test.rmse\""
        })
final class ExportSubcommand implements PicocliSubcommand.Action {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A Java expression whose value is a FittedPipeline.")
    String model;

    @Option(names = "--name", description = "The model's name in the registry (created if new).")
    String name;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Move this alias (e.g. champion) to the version.")
    String alias;

    @Option(names = "--serve", description = "Start an endpoint (a local serving process unless --docker or --k8s).")
    boolean serve;

    @Option(names = "--port", paramLabel = "P", description = "The endpoint's port (default: a free one).")
    int port;

    @Option(names = "--docker", description = "Serve in a container built on this notebook's environment.")
    boolean docker;

    @Option(names = "--k8s", paramLabel = "DIR", description = "Write Kubernetes manifests to DIR instead.")
    Path k8s;

    @Option(
            names = "--schedule",
            paramLabel = "SPEC",
            description = "A job, e.g. \"retrain @weekly --metric test.rmse\".")
    List<String> schedules = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "SPEC", description = "A batch job: \"@daily --input IN --output OUT\".")
    List<String> batches = new ArrayList<>();

    @Option(names = "--force", description = "Register a new version even if the registry has these exact bytes.")
    boolean force;

    private final Map<String, String> env;
    private final Path workingDir;

    ExportSubcommand(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    @Override
    public Object call(MagicContext context) {
        FittedPipeline fitted = fittedPipeline(context);
        install(context, env);
        if (name == null) {
            if (serve || alias != null || !schedules.isEmpty() || !batches.isEmpty()) {
                throw new MagicException("%bighead export: say --name NAME to export now, or leave every flag out to"
                        + " get the Export button");
            }
            context.display(ExportButton.of(fitted, workingDir));
            return null;
        }
        ExportRequest request = new ExportRequest(name, alias, serveTarget(), schedules, batches, force, workingDir);
        RegistryClient client = new RegistryAccess(env).client(context.config());
        ExportProgress progress = new ExportProgress();
        context.display(progress);
        try {
            Exporter.Result result = new Exporter(client, request.serve() == null ? null : deployer(client))
                    .export(fitted, provenance(context, env, model), request, progress);
            progress.finished(result, client.url());
            return null;
        } catch (ExportException e) {
            progress.failedWith(e.getMessage());
            throw new MagicException("%bighead export: " + e.getMessage());
        }
    }

    private ExportRequest.Serve serveTarget() {
        if (!serve) {
            if (docker || k8s != null || port != 0) {
                throw new MagicException("%bighead export: --docker, --k8s and --port go with --serve");
            }
            return null;
        }
        if (docker && k8s != null) {
            throw new MagicException("%bighead export: --docker and --k8s are two ways to serve; pick one");
        }
        if (k8s != null) {
            return ExportRequest.Serve.kubernetes(workingDir.resolve(k8s).normalize());
        }
        return docker
                ? ExportRequest.Serve.docker(port, env.get("BIGHEAD_ENVIRONMENT"))
                : ExportRequest.Serve.local(port);
    }

    /** Lets {@link ExportButton} (a click, any time later) reach this notebook's registry and cells. */
    static void install(MagicContext context, Map<String, String> env) {
        ExportSession.install(
                () -> new RegistryAccess(env).client(context.config()),
                () -> deployer(new RegistryAccess(env).client(context.config())),
                () -> provenance(context, env, null));
    }

    /** The serve step's deployer on this machine, recording in {@code registry}. */
    static Deployer deployer(RegistryClient registry) {
        return ExportDeployer.of(registry.url());
    }

    static Provenance provenance(MagicContext context, Map<String, String> env, String expression) {
        List<String> cells = List.copyOf(context.sessionCells());
        return new Provenance(
                blankToNull(env.get("JPY_SESSION_NAME")),
                cells,
                context.config().userName(env),
                blankToNull(env.get("BIGHEAD_ENVIRONMENT")),
                // the hub's servers say their image in BIGHEAD_IMAGE; BIGHEAD_ENVIRONMENT_IMAGE, when set, wins
                blankToNull(env.getOrDefault("BIGHEAD_ENVIRONMENT_IMAGE", env.get("BIGHEAD_IMAGE"))),
                expression,
                EnvSubcommand.sessionMaven(cells),
                List.copyOf(context.addedClasspath()));
    }

    private FittedPipeline fittedPipeline(MagicContext context) {
        Object value = RegisterSubcommand.evaluate(context, model, "%bighead export");
        if (value instanceof FittedPipeline fitted) {
            return fitted;
        }
        throw new MagicException("%bighead export: " + model + " is " + RegisterSubcommand.describe(value)
                + ", not a FittedPipeline (call .fit(...) on a Pipeline)");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
