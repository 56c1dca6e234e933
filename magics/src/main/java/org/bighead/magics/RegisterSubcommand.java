package org.bighead.magics;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.registry.client.Lineage;
import org.bighead.registry.client.Registered;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;
import org.bighead.registry.client.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code %bighead register NAME MODEL}: uploads a fitted pipeline (a Java expression, or a {@code .bighead} file)
 * as the next version of a registered model, with its lineage: the notebook ({@code JPY_SESSION_NAME}, which
 * jupyter_server sets to the notebook's path), the cells this session ran to build it, who and in which image.
 */
@Command(
        name = "register",
        description = "Register a fitted pipeline in the model registry with its notebook and cells as lineage.",
        footer = {
            "",
            "The registry is $BIGHEAD_REGISTRY_URL if set, else the setting registry.url; the token",
            "likewise ($BIGHEAD_REGISTRY_TOKEN, registry.token).",
            "",
            "Examples:",
            "  %%bighead register listing-price model",
            "  %%bighead register listing-price model --alias champion --reason \"beats v2 on MAE\"",
            "  %%bighead register listing-price \"fit(120)\" --param rounds=120 --tag team=pricing",
            "  %%bighead register listing-price models/listing-price.bighead"
        })
final class RegisterSubcommand implements PicocliSubcommand.Action {
    @Parameters(index = "0", paramLabel = "NAME", description = "The model's name in the registry (created if new).")
    String name;

    @Parameters(
            index = "1",
            paramLabel = "MODEL",
            description = "A Java expression whose value is a FittedPipeline, or a .bighead file (quote spaces).")
    String model;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            description = "Point this alias (e.g. champion) at the new version.")
    String alias;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the alias moves; kept in its history.")
    String reason;

    @Option(names = "--param", paramLabel = "k=v", description = "A training parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--tag", paramLabel = "k=v", description = "A tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "What is new in this version.")
    String description;

    @Option(
            names = "--force",
            description = "Register a new version even when the registry already has a version with these bytes.")
    boolean force;

    /** Set by a retrain job for the notebook it runs: the run a registered version's lineage points at. */
    static final String JOB_RUN = "BIGHEAD_JOB_RUN";

    private final Map<String, String> env;
    private final Path workingDir;

    /** Reads the registry, notebook and image from {@code env}; relative bundle paths from {@code workingDir}. */
    RegisterSubcommand(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    @Override
    public Object call(MagicContext context) throws IOException {
        if (reason != null && alias == null) {
            throw new MagicException("%bighead register: --reason explains an alias move; add --alias ALIAS");
        }
        Path bundleFile = bundleFile(model);
        Path temp = null;
        try {
            if (bundleFile == null) {
                FittedPipeline fitted = fittedPipeline(context);
                temp = Files.createTempDirectory("bighead-register-");
                bundleFile = temp.resolve(safe(name) + ".bighead");
                fitted.save(bundleFile);
            }
            RegistryClient client = new RegistryAccess(env).client(context.config());
            Registered registered = upload(client, bundleFile, versionInfo(context));
            Version v = registered.version();
            String moved = "";
            if (alias != null && blankToNull(env.get(JOB_RUN)) != null) {
                // a retrain job decides its alias by the metric it was given, after the notebook ran
                moved = " (--alias " + alias + " left to job run " + env.get(JOB_RUN) + ")";
            } else if (alias != null) {
                try {
                    client.setAlias(name, alias, v.version(), reason != null ? reason : "%bighead register --alias");
                } catch (RegistryException e) {
                    throw RegistryAccess.failure(
                            "registered " + name + " v" + v.version() + ", but moving " + alias + " to it", client, e);
                }
                moved = " (" + alias + " → v" + v.version() + ")";
            }
            String verb = registered.existing()
                    ? "already registered (same bytes; --force registers a new version): "
                    : "registered ";
            context.out()
                    .println(verb + v.model() + " v" + v.version() + moved + " " + client.url()
                            + "/#/models/"
                            + URLEncoder.encode(v.model(), StandardCharsets.UTF_8)
                                    .replace("+", "%20")
                            + "/versions/" + v.version());
            return null;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(bundleFile);
                Files.deleteIfExists(temp);
            }
        }
    }

    /** What the registry stores besides the bundle; the server fills data fingerprint and libraries from it. */
    VersionInfo versionInfo(MagicContext context) {
        Lineage lineage = new Lineage(
                blankToNull(env.get("JPY_SESSION_NAME")),
                List.copyOf(context.sessionCells()),
                // the hub's servers say their image in BIGHEAD_IMAGE; BIGHEAD_ENVIRONMENT_IMAGE, when set, wins
                blankToNull(env.getOrDefault("BIGHEAD_ENVIRONMENT_IMAGE", env.get("BIGHEAD_IMAGE"))),
                null,
                null,
                context.config().userName(env),
                model,
                blankToNull(env.get(JOB_RUN)));
        return new VersionInfo(
                params.isEmpty() ? null : Map.copyOf(params),
                null,
                tags.isEmpty() ? null : Map.copyOf(tags),
                lineage,
                description);
    }

    private Registered upload(RegistryClient client, Path bundle, VersionInfo info) {
        try {
            return client.register(name, bundle, info, force);
        } catch (RegistryException e) {
            throw RegistryAccess.failure("registering " + name, client, e);
        }
    }

    private FittedPipeline fittedPipeline(MagicContext context) {
        Object value = evaluate(context, model, "%bighead register");
        if (value instanceof FittedPipeline fitted) {
            return fitted;
        }
        if (value instanceof String || value instanceof Path) {
            Path file = bundleFile(value.toString());
            if (file != null) {
                return load(file);
            }
        }
        throw new MagicException("%bighead register: " + model + " is " + describe(value)
                + ", not a FittedPipeline (call .fit(...) on a Pipeline) or a .bighead file");
    }

    /** The value of a magic's model expression; one that does not evaluate is the magic's one-line error. */
    static Object evaluate(MagicContext context, String expression, String magic) {
        try {
            return context.eval(expression);
        } catch (MagicException e) {
            if (e.getCause() != null) {
                throw e; // an interrupt: the kernel reports it as such
            }
            throw new MagicException(magic + ": cannot evaluate " + expression + ": " + firstLine(e.getMessage()));
        }
    }

    /** What a value is, as a person would say it: "an int", "a List", "a Pipeline" (not "a List12"). */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String name;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            name = "int";
        } else if (value instanceof Double || value instanceof Float) {
            name = "double";
        } else if (value instanceof Boolean) {
            name = "boolean";
        } else if (value instanceof java.util.List) {
            name = "List";
        } else if (value instanceof java.util.Map) {
            name = "Map";
        } else if (value instanceof java.util.Set) {
            name = "Set";
        } else if (value instanceof String) {
            name = "String";
        } else {
            name = value.getClass().getSimpleName();
        }
        return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** The bundle file a word names when it ends in .bighead, else null; a missing file is an error. */
    private Path bundleFile(String word) {
        if (!word.endsWith(".bighead")) {
            return null;
        }
        Path file = workingDir.resolve(word).normalize();
        if (!Files.isRegularFile(file)) {
            throw new MagicException("%bighead register: no bundle file " + file);
        }
        return file;
    }

    private static FittedPipeline load(Path file) {
        try {
            return FittedPipeline.load(file, BundleCode.DESCRIBE); // uploading runs none of its code
        } catch (IOException | PipelineException e) {
            throw new MagicException(
                    "%bighead register: cannot load bundle " + file + ": " + MagicRegistry.describe(e));
        }
    }

    private static String safe(String modelName) {
        return modelName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}
