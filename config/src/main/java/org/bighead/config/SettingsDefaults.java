package org.bighead.config;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration convention for a picocli command: an option the command line does not give takes its value
 * from {@link Settings} (environment, then config file), and only then from its declared default. The option
 * {@code --max-body} of a command in scope {@code serve} is the setting {@code serve.max-body}
 * ({@code BIGHEAD_SERVE_MAX_BODY}); {@link Setting} names another key. {@link #install} also adds a "Settings"
 * section to the command's {@code --help} listing every option's variable and key.
 */
public final class SettingsDefaults implements IDefaultValueProvider {
    /** The key of the help section this adds. */
    public static final String HELP_SECTION = "bigheadSettings";

    private final Settings settings;
    private final String scope;

    /**
     * Defaults for the options of commands in {@code scope} (e.g. {@code registry}, {@code serve}); a null scope
     * means each top-level subcommand is its own scope ({@code bighead predict --format} is {@code predict.format},
     * {@code bighead registry list --url} is {@code registry.url}).
     */
    public SettingsDefaults(Settings settings, String scope) {
        this.settings = settings;
        this.scope = scope;
    }

    /**
     * Makes {@code cli} (and its subcommands) take unset options from {@code settings} and list them in help;
     * {@code scope} as in {@link #SettingsDefaults}.
     *
     * @return {@code cli}, for chaining
     */
    public static CommandLine install(CommandLine cli, String scope, Settings settings) {
        SettingsDefaults defaults = new SettingsDefaults(settings, scope);
        cli.setDefaultValueProvider(defaults);
        addHelp(cli, defaults);
        return cli;
    }

    // help section keys and maps propagate from a command to its subcommands when set: set them once, at the top
    private static void addHelp(CommandLine cli, SettingsDefaults defaults) {
        var sections = new LinkedHashMap<>(cli.getHelpSectionMap());
        sections.put(HELP_SECTION, help -> defaults.helpSection(help.commandSpec()));
        cli.setHelpSectionMap(sections);
        List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
        int at = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
        keys.add(at < 0 ? keys.size() : at, HELP_SECTION);
        cli.setHelpSectionKeys(keys);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String key = arg instanceof OptionSpec option ? keyOf(option) : null;
        return key == null ? null : settings.get(key).orElse(null);
    }

    /** The setting behind {@code option}, or null for options that are not settings (help, version, short-only). */
    public String keyOf(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) {
            return null;
        }
        if (option.userObject() instanceof AnnotatedElement element && element.isAnnotationPresent(Setting.class)) {
            return element.getAnnotation(Setting.class).value();
        }
        String name = option.longestName();
        return name.startsWith("--") ? scopeOf(option.command()) + "." + name.substring(2) : null;
    }

    private String scopeOf(CommandSpec command) {
        if (scope != null || command == null) {
            return scope != null ? scope : "bighead";
        }
        CommandSpec topLevel = command;
        while (topLevel.parent() != null && topLevel.parent().parent() != null) {
            topLevel = topLevel.parent();
        }
        return topLevel.name();
    }

    /** The help section: every option's environment variable and config key, and which one is in force now. */
    String helpSection(CommandSpec spec) {
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String key = keyOf(option);
            if (key == null || option.hidden()) {
                continue;
            }
            String from = settings.sourceOf(key)
                    .map(source -> "  (set by " + source + ")")
                    .orElse("");
            rows.add(new String[] {option.longestName(), Settings.envName(key), "\"" + key + "\"" + from});
        }
        if (rows.isEmpty()) {
            return "";
        }
        int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        StringBuilder out = new StringBuilder(String.format(
                "%nSettings: an option not given on the command line takes"
                        + " its value from the%nenvironment variable, else the key in %s, else its default:%n",
                settings.file()));
        for (String[] row : rows) {
            out.append(String.format("  %-" + w0 + "s  %-" + w1 + "s  %s%n", row[0], row[1], row[2]));
        }
        return out.toString();
    }
}
