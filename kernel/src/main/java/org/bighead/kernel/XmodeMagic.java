package org.bighead.kernel;

import java.util.Locale;
import java.util.function.Supplier;
import org.bighead.kernel.jshell.ExceptionMode;
import org.bighead.kernel.jshell.JavaEvaluator;
import org.bighead.magics.Args;
import org.bighead.magics.LineMagic;
import org.bighead.magics.MagicContext;
import org.bighead.magics.MagicException;

/**
 * {@code %xmode [readable|full|minimal]}: how much of an exception's stack a failing cell shows, as IPython's
 * {@code %xmode} switches its traceback mode. Readable by default: the kernel's own frames are asked for, not shown.
 */
final class XmodeMagic implements LineMagic {
    static final String HELP = "Show more or less of a failing cell's stack: %xmode readable|full|minimal";
    private final Supplier<JavaEvaluator> evaluator;

    XmodeMagic(Supplier<JavaEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (Args.wantsHelp(args)) {
            context.out().print(usage());
            return null;
        }
        if (args.isBlank()) {
            ExceptionMode now = evaluator.get().exceptionMode();
            context.out().println("Exception mode: " + name(now) + " (" + now.description() + ")");
            return null;
        }
        ExceptionMode mode = ExceptionMode.named(args)
                .orElseThrow(() -> new MagicException(
                        "%xmode: unknown mode '" + args.strip() + "'; use " + ExceptionMode.choices()));
        evaluator.get().exceptionMode(mode);
        context.out().println("Exception mode: " + name(mode));
        return null;
    }

    private static String usage() {
        StringBuilder text = new StringBuilder("Usage: %xmode [MODE]   (alone: the mode in use)\n");
        for (ExceptionMode mode : ExceptionMode.values()) {
            text.append(String.format("  %-9s %s%n", name(mode), mode.description()));
        }
        return text.toString();
    }

    private static String name(ExceptionMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
