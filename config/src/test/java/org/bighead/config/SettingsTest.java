package org.bighead.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class SettingsTest {
    @TempDir
    Path home;

    /** A command as the registry server declares one. */
    @Command(name = "serve", mixinStandardHelpOptions = true)
    static final class Serve {
        @Option(names = "--port", defaultValue = "8470", description = "TCP port")
        int port;

        @Option(names = "--host", description = "Interface")
        String host = "127.0.0.1";

        @Setting("registry.url")
        @Option(names = "--registry", description = "The registry")
        String registry;

        @Option(names = "--strict", description = "Refuse more")
        boolean strict;
    }

    private Serve parse(Settings settings, String... args) {
        Serve serve = new Serve();
        SettingsDefaults.install(new CommandLine(serve), "registry", settings).parseArgs(args);
        return serve;
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() {
        Settings fileOnly = Settings.of(Map.of(), Map.of("registry.port", "9001"));
        Settings envAndFile = Settings.of(Map.of("BIGHEAD_REGISTRY_PORT", "9002"), Map.of("registry.port", "9001"));

        assertThat(parse(Settings.of(Map.of(), Map.of())).port).isEqualTo(8470);
        assertThat(parse(fileOnly).port).isEqualTo(9001);
        assertThat(parse(envAndFile).port).isEqualTo(9002);
        assertThat(parse(envAndFile, "--port", "9003").port).isEqualTo(9003);
    }

    @Test
    void aFieldInitializerIsTheDefaultToo() {
        assertThat(parse(Settings.of(Map.of(), Map.of())).host).isEqualTo("127.0.0.1");
        assertThat(parse(Settings.of(Map.of("BIGHEAD_REGISTRY_HOST", "0.0.0.0"), Map.of())).host)
                .isEqualTo("0.0.0.0");
    }

    @Test
    void aSharedSettingIsNamedByItsAnnotation() {
        Settings settings = Settings.of(Map.of("BIGHEAD_REGISTRY_URL", "http://models:8470"), Map.of());
        assertThat(parse(settings).registry).isEqualTo("http://models:8470");
    }

    @Test
    void booleanFlagsAndBlankValues() {
        assertThat(parse(Settings.of(Map.of("BIGHEAD_REGISTRY_STRICT", "true"), Map.of())).strict)
                .isTrue();
        // an empty variable is unset: the file's value shows through
        Settings blank = Settings.of(Map.of("BIGHEAD_REGISTRY_PORT", " "), Map.of("registry.port", "9001"));
        assertThat(parse(blank).port).isEqualTo(9001);
    }

    @Test
    void helpListsEveryVariableAndWhichIsInForce() {
        Settings settings = Settings.of(Map.of("BIGHEAD_REGISTRY_PORT", "9002"), Map.of());
        CommandLine cli = SettingsDefaults.install(new CommandLine(new Serve()), "registry", settings);
        StringWriter out = new StringWriter();
        cli.usage(new PrintWriter(out, true));

        assertThat(out.toString())
                .contains("Settings:")
                .containsPattern(
                        "--port\\s+BIGHEAD_REGISTRY_PORT\\s+\"registry.port\"\\s+\\(set by BIGHEAD_REGISTRY_PORT\\)")
                .containsPattern("--registry\\s+BIGHEAD_REGISTRY_URL\\s+\"registry.url\"")
                .doesNotContain("BIGHEAD_REGISTRY_HELP");
    }

    @Test
    void theConfigFileIsAFlatJsonObject() throws IOException {
        Files.createDirectories(home.resolve(".bighead"));
        Files.writeString(
                home.resolve(".bighead/config.json"),
                "{\"registry.url\": \"http://a:1\", \"serve.port\": 8081, \"serve.strict\": true, \"gone\": null}");
        Settings settings = Settings.load(Map.of(), home);

        assertThat(settings.get("registry.url")).contains("http://a:1");
        assertThat(settings.get("serve.port")).contains("8081");
        assertThat(settings.get("serve.strict")).contains("true");
        assertThat(settings.get("gone")).isEmpty();
        assertThat(settings.sourceOf("serve.port"))
                .contains(home.resolve(".bighead/config.json").toString());
    }

    @Test
    void bigheadConfigNamesAnotherFile() throws IOException {
        Path other = home.resolve("team.json");
        Files.writeString(other, "{\"registry.url\": \"http://team:8470\"}");
        Settings settings = Settings.load(Map.of("BIGHEAD_CONFIG", other.toString()), home);
        assertThat(settings.get("registry.url")).contains("http://team:8470");
    }

    @Test
    void aBrokenFileIsOneLineThatSaysWhereAndWhatIsValid() throws IOException {
        Files.createDirectories(home.resolve(".bighead"));
        Path file = home.resolve(".bighead/config.json");
        Files.writeString(file, "{\"registry.url\": \n");
        assertThatThrownBy(() -> Settings.load(Map.of(), home))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(file + ": not valid JSON at line")
                .hasMessageContaining("one object of settings")
                .hasMessageNotContaining("\n");

        Files.writeString(file, "{\"registry\": {\"url\": \"x\"}}");
        assertThatThrownBy(() -> Settings.load(Map.of(), home))
                .hasMessage(file + ": the setting \"registry\" must be a string, number or boolean");
    }

    @Command(
            name = "bighead",
            subcommands = {Predict.class, Registry.class})
    static final class Root {}

    @Command(name = "predict")
    static final class Predict {
        @Option(names = "--format")
        String format = "jsonl";
    }

    @Command(name = "registry", subcommands = Registry.List.class)
    static final class Registry {
        @Command(name = "list")
        static final class List {
            @Option(names = "--url")
            String url;
        }
    }

    @Test
    void withoutAScopeEachTopLevelSubcommandIsOne() {
        Settings settings = Settings.of(Map.of("BIGHEAD_PREDICT_FORMAT", "csv"), Map.of("registry.url", "http://r:1"));
        CommandLine cli = SettingsDefaults.install(new CommandLine(new Root()), null, settings);

        Predict predict = cli.parseArgs("predict")
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
        assertThat(predict.format).isEqualTo("csv");
        Registry.List list = cli.parseArgs("registry", "list")
                .subcommand()
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
        assertThat(list.url).isEqualTo("http://r:1");
    }

    @Test
    void theSettingsSectionShowsOnceInASubcommandsHelp() {
        CommandLine cli = SettingsDefaults.install(new CommandLine(new Root()), null, Settings.of(Map.of(), Map.of()));
        String help = cli.getSubcommands()
                .get("registry")
                .getSubcommands()
                .get("list")
                .getUsageMessage();
        assertThat(help.split("Settings:", -1)).hasSize(2);
        assertThat(help).containsPattern("--url\\s+BIGHEAD_REGISTRY_URL\\s+\"registry.url\"");
    }

    @Test
    void environmentNames() {
        assertThat(Settings.envName("registry.db-url")).isEqualTo("BIGHEAD_REGISTRY_DB_URL");
        assertThat(Settings.envName("serve.max-inflight")).isEqualTo("BIGHEAD_SERVE_MAX_INFLIGHT");
    }
}
