package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %bighead config: show every setting, set one (saved at once), remove one. */
class ConfigSubcommandTest {
    @TempDir
    Path dir;

    private Path file;
    private FakeContext context;

    @BeforeEach
    void context() {
        file = dir.resolve("config.json");
        context = new FakeContext(file);
    }

    @Test
    void aloneItShowsEverySettingWithDefaultsMarkedAndTheTokenMasked() {
        context.run("%bighead config registry.token abcdefgh-1234-wxyz");
        context = new FakeContext(file);
        context.run("%bighead config");

        String user = System.getProperty("user.name");
        List<String> lines = context.printed().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("Bighead settings (" + file + "):");
        assertThat(lines.get(1)).matches("  registry\\.token  \\*{4}wxyz +API token sent to the registry; .*");
        assertThat(lines.get(2)).matches("  registry\\.url    http://127\\.0\\.0\\.1:8470  \\(default\\) +URL of .*");
        assertThat(lines.get(3))
                .startsWith("  user.name       " + user + "  (default)")
                .endsWith("what you export");
        int helpColumn = lines.get(1).indexOf("API token");
        assertThat(lines.get(2).indexOf("URL of"))
                .as("help texts in one column")
                .isEqualTo(helpColumn);
        assertThat(lines.get(3).indexOf("Who you are"))
                .as("help texts in one column")
                .isEqualTo(helpColumn);
        assertThat(context.printed()).doesNotContain("abcdefgh");
    }

    @Test
    void aSettingIsSetShownAndUnsetAndPersistsBetweenSessions() {
        context.run("%bighead config registry.url http://host:8080");
        assertThat(context.printed()).isEqualTo("registry.url = http://host:8080  (saved to " + file + ")\n");

        FakeContext nextSession = new FakeContext(file);
        nextSession.run("%bighead config registry.url");
        nextSession.run("%bighead config --unset registry.url");
        nextSession.run("%bighead config registry.url");
        nextSession.run("%bighead config --unset registry.url");

        assertThat(nextSession.printed()).isEqualTo("""
                registry.url = http://host:8080
                registry.url removed; now http://127.0.0.1:8470  (default)
                registry.url = http://127.0.0.1:8470  (default)
                registry.url was not set; now http://127.0.0.1:8470  (default)
                """);
        assertThat(new BigheadConfig(file).isSet("registry.url")).isFalse();
    }

    @Test
    void anUnknownKeyOrAnInvalidValueIsAnErrorAndNothingIsSaved() {
        assertThatThrownBy(() -> context.run("%bighead config registry http://x"))
                .isInstanceOf(MagicException.class)
                .hasMessage("unknown setting 'registry'; known settings: registry.token, registry.url, user.name");
        assertThatThrownBy(() -> context.run("%bighead config registry.url localhost:8080"))
                .hasMessageStartingWith("invalid registry.url 'localhost:8080': expected an http:// or https:// URL");
        assertThatThrownBy(() -> context.run("%bighead config --unset nope"))
                .hasMessageStartingWith("unknown setting 'nope'");
        assertThat(file).doesNotExist();
    }

    @Test
    void unsetTakesOnlyAKey() {
        assertThatThrownBy(() -> context.run("%bighead config --unset registry.url user.name"))
                .hasMessage("%bighead config --unset takes one KEY and no other arguments; got 'user.name' as well");
        assertThatThrownBy(() -> context.run("%bighead config --unset"))
                .hasMessageStartingWith("%bighead config: Missing required parameter for option '--unset' (KEY)");
    }

    @Test
    void helpNamesTheSettingsTheFileAndExamples() {
        context.run("%bighead config --help");
        assertThat(context.printed())
                .startsWith("Usage: %bighead config [-h] [--unset=KEY] [KEY] [VALUE]\n")
                .contains("Settings: registry.url, registry.token, user.name")
                .contains("Saved in $BIGHEAD_CONFIG if set, else ~/.bighead/config.json.")
                .contains("%bighead config registry.url http://host:8080");
    }

    @Test
    void itShowsTheValuesCommandsUseAVariableWinsAndInAHubTheUserIsTheHubs() {
        java.util.Map<String, String> env = java.util.Map.of(
                "BIGHEAD_REGISTRY_URL", "http://registry.team:8470",
                "BIGHEAD_REGISTRY_TOKEN", "abcdefgh-secret-7f2a",
                "JUPYTERHUB_USER", "alice");
        MagicRegistry magics = new MagicRegistry();
        magics.line("bighead", "Bighead platform commands", magics.bighead());
        magics.bighead().add(PicocliSubcommand.of(() -> new ConfigSubcommand(env)));
        FakeContext inAHub = new FakeContext(file, magics);
        inAHub.run("%bighead config");
        assertThat(inAHub.printed())
                .contains("registry.url    http://registry.team:8470  (from BIGHEAD_REGISTRY_URL)")
                .contains("registry.token  ****7f2a  (from BIGHEAD_REGISTRY_TOKEN)")
                .contains("user.name       alice  (the hub's user, JUPYTERHUB_USER)")
                .doesNotContain("secret");
        inAHub.run("%bighead config registry.url http://elsewhere:1");
        assertThat(inAHub.printed())
                .contains("registry.url = http://elsewhere:1  (saved to " + file
                        + "); BIGHEAD_REGISTRY_URL wins while it is set");
    }
}
