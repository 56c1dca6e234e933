package org.bighead.magics;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bighead.registry.client.Model;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import picocli.CommandLine.Command;

/** {@code %bighead models}: the registry's models as a table of name, latest version and aliases. */
@Command(name = "models", description = "List the models in the registry: name, latest version, aliases.")
final class ModelsSubcommand implements PicocliSubcommand.Action {
    private final Map<String, String> env;

    /** Finds the registry through {@code env}, then the user's settings. */
    ModelsSubcommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Object call(MagicContext context) {
        RegistryClient client = new RegistryAccess(env).client(context.config());
        List<Model> models;
        try {
            models = client.models();
        } catch (RegistryException e) {
            throw RegistryAccess.failure("listing models", client, e);
        }
        return table(client.url(), models);
    }

    /** Plain text for consoles, an HTML table linking to the registry UI for notebooks. */
    static Shown table(String url, List<Model> models) {
        if (models.isEmpty()) {
            String none = "no models in the registry at " + url + " yet (%bighead register NAME MODEL adds one)";
            return new Shown(none, "<p>" + escape(none) + "</p>");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder(
                "<table><thead><tr><th>model</th><th>latest</th><th>aliases</th>" + "</tr></thead><tbody>");
        for (Model m : models) {
            String latest = m.latestVersion() == null ? "—" : "v" + m.latestVersion();
            String aliases = m.aliases().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(a -> a.getKey() + " → v" + a.getValue())
                    .collect(Collectors.joining(", "));
            text.append(m.name())
                    .append("  ")
                    .append(latest)
                    .append(aliases.isEmpty() ? "" : "  " + aliases)
                    .append('\n');
            html.append("<tr><td><a href=\"")
                    .append(escape(url))
                    .append("/#/models/")
                    .append(escape(m.name()))
                    .append("\" target=\"_blank\">")
                    .append(escape(m.name()))
                    .append("</a></td><td>")
                    .append(latest)
                    .append("</td><td>")
                    .append(escape(aliases))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        return new Shown(text.toString().stripTrailing(), html.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
