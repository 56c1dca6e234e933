package org.bighead.magics;

import java.util.Map;
import java.util.SortedMap;
import org.bighead.pipeline.viz.Html;

/** {@code %lsmagic}: every line and cell magic with its one-line help, as text and an HTML table. */
final class LsMagic implements LineMagic {
    static final String USAGE = """
            Usage: %lsmagic
            Lists the line magics (%name, one line) and cell magics (%%name, first line of a cell) with their help.
            Every magic takes --help.
            """;

    @Override
    public Object run(String args, MagicContext context) {
        if (Args.wantsHelp(args)) {
            context.out().print(USAGE);
            return null;
        }
        if (!args.isBlank()) {
            throw new MagicException("%lsmagic takes no arguments; got '" + args.strip() + "'\n\n" + USAGE);
        }
        MagicRegistry registry = context.magics();
        return listing(registry.lineMagics(), registry.cellMagics());
    }

    /** The listing of the given line and cell magics (name to help). */
    static Shown listing(SortedMap<String, String> lines, SortedMap<String, String> cells) {
        int width = Math.max(
                1 + lines.keySet().stream().mapToInt(String::length).max().orElse(0),
                2 + cells.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<table class=\"bighead-lsmagic\">");
        section(text, html, "Line magics", "%", lines, width);
        section(text, html, "Cell magics", "%%", cells, width);
        text.append("Every magic takes --help.\n");
        html.append("</table><p>Every magic takes <code>--help</code>.</p>");
        return new Shown(text.toString(), html.toString());
    }

    private static void section(
            StringBuilder text,
            StringBuilder html,
            String title,
            String prefix,
            SortedMap<String, String> magics,
            int width) {
        text.append(title).append(":\n");
        html.append("<tr><th colspan=\"2\" style=\"text-align:left\">")
                .append(title)
                .append("</th></tr>");
        if (magics.isEmpty()) {
            text.append("  (none)\n");
        }
        for (Map.Entry<String, String> e : magics.entrySet()) {
            text.append(String.format("  %-" + width + "s  %s%n", prefix + e.getKey(), e.getValue()));
            html.append("<tr><td style=\"text-align:left\"><code>")
                    .append(Html.escape(prefix + e.getKey()))
                    .append("</code></td><td style=\"text-align:left\">")
                    .append(Html.escape(e.getValue()))
                    .append("</td></tr>");
        }
        text.append('\n');
    }
}
