package org.bighead.magics;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code %bighead config [KEY [VALUE]] | --unset KEY}: show, set or remove per-user settings. */
@Command(
        name = "config",
        // picocli formats these texts: a literal % is written %%
        description = "Show or change your settings (registry URL, token, user name); they persist.",
        footer = {
            "",
            "Settings: registry.url, registry.token, user.name (%%bighead config lists them with help).",
            "Saved in $BIGHEAD_CONFIG if set, else ~/.bighead/config.json.",
            "",
            "Examples:",
            "  %%bighead config                                   show every setting",
            "  %%bighead config registry.url                      show one",
            "  %%bighead config registry.url http://host:8080     set and save",
            "  %%bighead config --unset registry.token            remove; the default applies again"
        })
final class ConfigSubcommand implements PicocliSubcommand.Action {
    private final Map<String, String> env;

    /** Shows values as commands use them: {@code env}'s BIGHEAD_* variables win over the file. */
    ConfigSubcommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "A setting, e.g. registry.url.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The new value; saved at once.")
    String value;

    @Option(names = "--unset", paramLabel = "KEY", description = "Remove a setting, so its default applies.")
    String unset;

    @Override
    public Object call(MagicContext context) {
        BigheadConfig config = context.config();
        PrintStream out = context.out();
        if (unset != null) {
            if (key != null) {
                throw new MagicException("%bighead config --unset takes one KEY and no other arguments; got '" + key
                        + (value == null ? "" : " " + value) + "' as well");
            }
            boolean wasSet = config.unset(unset);
            out.println(unset + (wasSet ? " removed" : " was not set") + "; now " + config.shown(unset, env));
        } else if (key == null) {
            list(config, out);
        } else if (value == null) {
            out.println(key + " = " + config.shown(key, env));
        } else {
            config.set(key, value);
            out.println(
                    key + " = " + config.shown(key) + "  (saved to " + config.file() + ")" + overridden(config, key));
        }
        return null;
    }

    /** When a variable wins over what was just saved, saying so keeps the user from wondering why nothing changed. */
    private String overridden(BigheadConfig config, String key) {
        String source = config.effective(key, env).source();
        return source.startsWith("(from ")
                ? "; " + source.substring(6, source.length() - 1) + " wins while it is set"
                : "";
    }

    private void list(BigheadConfig config, PrintStream out) {
        out.println("Bighead settings (" + config.file() + "):");
        int keyWidth = BigheadConfig.SETTINGS.keySet().stream()
                .mapToInt(String::length)
                .max()
                .orElse(0);
        int valueWidth = BigheadConfig.SETTINGS.keySet().stream()
                .mapToInt(k -> config.shown(k, env).length())
                .max()
                .orElse(0);
        for (BigheadConfig.Setting s : BigheadConfig.SETTINGS.values()) {
            out.printf(
                    "  %-" + keyWidth + "s  %-" + valueWidth + "s  %s%n",
                    s.key(),
                    config.shown(s.key(), env),
                    s.help());
        }
    }
}
