package org.bighead.magics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code %time CODE} and {@code %%time}: evaluates Java code, prints {@code Wall time: 12.3 ms} as IPython does,
 * and returns the code's value so the cell still shows it.
 */
final class TimeMagic {
    static final String USAGE = """
            Usage: %time JAVA_CODE
               or: %%time   (first line of a cell; the Java code below it is timed)
            Runs the code, prints its wall-clock time (Wall time: 12.3 ms) and shows its value.
            Example: %time var model = pipeline.fit(train)
            """;
    private static final String[] UNITS = {"ns", "µs", "ms", "s"};

    private TimeMagic() {}

    /** {@code %time CODE}. */
    static Object line(String args, MagicContext context) {
        if (Args.wantsHelp(args)) {
            context.out().print(USAGE);
            return null;
        }
        if (args.isBlank()) {
            throw new MagicException("%time needs Java code to time, e.g. %time model.fit(train)\n\n" + USAGE);
        }
        return time(args, context);
    }

    /** {@code %%time} above a cell of Java code. */
    static Object cell(String args, String body, MagicContext context) {
        if (Args.wantsHelp(args)) {
            context.out().print(USAGE);
            return null;
        }
        if (!args.isBlank()) {
            throw new MagicException("%%time takes no code on its own line; put '" + args.strip()
                    + "' on the next line, or use %time for a single line\n\n" + USAGE);
        }
        if (body.isBlank()) {
            throw new MagicException("%%time needs Java code below it\n\n" + USAGE);
        }
        return time(body, context);
    }

    private static Object time(String code, MagicContext context) {
        long start = System.nanoTime();
        Object value = context.eval(code);
        long elapsed = System.nanoTime() - start;
        context.out().println("Wall time: " + format(elapsed));
        return value;
    }

    /**
     * A duration with three significant digits in the largest unit that keeps it at least 1: "850 ns",
     * "12.3 µs", "1.5 ms", "2.35 s"; from a minute on, "1min 5s" and "2h 3min 4s" as IPython writes them.
     */
    static String format(long nanos) {
        if (nanos >= 60_000_000_000L) {
            long seconds = Math.round(nanos / 1e9);
            long hours = seconds / 3600;
            long minutes = seconds % 3600 / 60;
            return (hours > 0 ? hours + "h " : "") + minutes + "min " + seconds % 60 + "s";
        }
        double value = nanos;
        int unit = 0;
        BigDecimal rounded = round(value);
        while (unit < UNITS.length - 1 && rounded.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            value /= 1000;
            unit++;
            rounded = round(value);
        }
        return rounded.toPlainString() + " " + UNITS[unit];
    }

    private static BigDecimal round(double value) {
        BigDecimal r = BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }
}
