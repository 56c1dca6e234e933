package org.bighead.magics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.bundle.BundleCode;

/**
 * {@code %bighead show EXPRESSION}: evaluates a Java expression and displays its value in its richest form
 * (pipeline graph, table, metrics); a {@code .bighead} path, bare or as a String or Path value, is loaded as a
 * bundle and displayed. Not a picocli command: its argument is Java, not flags.
 */
final class ShowSubcommand implements Subcommand {
    static final String USAGE = """
            Usage: %bighead show EXPRESSION | BUNDLE.bighead
            Displays a value in its richest form: a pipeline or fitted pipeline (graph), a table, metrics, a
            data profile. A path ending in .bighead (bare, "quoted", or the value of the expression) is loaded
            as a bundle and displayed.
            Examples:
              %bighead show model
              %bighead show model.evaluate(split.test())
              %bighead show models/listing-price.bighead
            """;

    private final Path workingDir;
    private final Path home;

    /** Resolves relative bundle paths against {@code workingDir} and {@code ~} to {@code home}. */
    ShowSubcommand(Path workingDir, Path home) {
        this.workingDir = workingDir;
        this.home = home;
    }

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String summary() {
        return "Display a pipeline, table, metrics or a .bighead bundle: %bighead show model";
    }

    @Override
    public Object run(String args, MagicContext context) {
        String expression = args.strip();
        if (Args.wantsHelp(expression)) {
            context.out().print(USAGE);
            return null;
        }
        if (expression.isEmpty()) {
            throw new MagicException("%bighead show needs a Java expression or a .bighead file\n\n" + USAGE);
        }
        Path bare = bundlePath(unquoted(expression));
        if (bare != null && Files.isRegularFile(bare)) {
            context.display(load(bare));
            return null;
        }
        Object value;
        try {
            value = context.eval(expression);
        } catch (MagicException e) {
            if (bare != null) {
                throw new MagicException("no bundle file " + bare + ", and as Java: " + e.getMessage(), e);
            }
            throw e;
        }
        if (value == null) {
            throw new MagicException("%bighead show " + expression + ": the value is null, nothing to show");
        }
        Path bundle = value instanceof String || value instanceof Path ? bundlePath(value.toString()) : null;
        if (bundle != null) {
            if (!Files.isRegularFile(bundle)) {
                throw new MagicException("no bundle file " + bundle);
            }
            value = load(bundle);
        }
        context.display(value);
        return null;
    }

    /** The path a word names when it ends in .bighead, else null. */
    private Path bundlePath(String word) {
        if (!word.endsWith(".bighead") || word.isBlank()) {
            return null;
        }
        return workingDir.resolve(PathArgs.expandHome(word, home)).normalize();
    }

    private static String unquoted(String text) {
        boolean quoted = text.length() >= 2
                && ((text.startsWith("\"") && text.endsWith("\"")) || (text.startsWith("'") && text.endsWith("'")));
        return quoted ? text.substring(1, text.length() - 1) : text;
    }

    private static FittedPipeline load(Path bundle) {
        try {
            return FittedPipeline.load(bundle, BundleCode.DESCRIBE); // showing runs none of its code
        } catch (IOException | PipelineException e) {
            throw new MagicException("cannot load bundle " + bundle + ": " + MagicRegistry.describe(e), e);
        }
    }
}
