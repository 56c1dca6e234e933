package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-user settings: known keys, validated, with defaults, persisted atomically as JSON. */
class BigheadConfigTest {
    @TempDir
    Path dir;

    private BigheadConfig config() {
        return new BigheadConfig(dir.resolve("nested/config.json"));
    }

    @Test
    void withoutAFileEverySettingHasItsDefault() {
        BigheadConfig config = config();
        assertThat(config.get("registry.url")).isEqualTo("http://127.0.0.1:8470");
        assertThat(config.get("user.name")).isEqualTo(System.getProperty("user.name"));
        assertThat(config.get("registry.token")).isNull();
        assertThat(config.shown("registry.token")).isEqualTo("(not set)");
        assertThat(config.isSet("registry.url")).isFalse();
        assertThat(Files.exists(config.file())).isFalse();
    }

    @Test
    void theUserNameIsTheVariableElseTheFileElseTheHubsUserElseTheSystems() throws Exception {
        BigheadConfig config = config();
        String system = System.getProperty("user.name");
        assertThat(config.userName(Map.of())).isEqualTo(system);
        // in a hub's server everyone runs as jovyan: the hub's JUPYTERHUB_USER names the person
        assertThat(config.userName(Map.of("JUPYTERHUB_USER", "alice"))).isEqualTo("alice");
        assertThat(config.userName(Map.of("JUPYTERHUB_USER", " "))).isEqualTo(system);
        config.set("user.name", "maya");
        assertThat(config.userName(Map.of("JUPYTERHUB_USER", "alice"))).isEqualTo("maya");
        assertThat(config.userName(Map.of("JUPYTERHUB_USER", "alice", "BIGHEAD_USER_NAME", "ada")))
                .isEqualTo("ada");
    }

    @Test
    void aSettingIsSavedAsJsonAndReadBackByAnotherInstance() throws Exception {
        config().set("registry.url", "  http://registry.internal:8080/api ");

        BigheadConfig again = config();
        assertThat(again.get("registry.url")).isEqualTo("http://registry.internal:8080/api");
        assertThat(again.isSet("registry.url")).isTrue();
        assertThat(Files.readString(again.file()).replaceAll("\\s", ""))
                .isEqualTo("{\"registry.url\":\"http://registry.internal:8080/api\"}");
    }

    @Test
    void unsettingRestoresTheDefaultAndKeepsTheOtherSettings() {
        BigheadConfig config = config();
        config.set("registry.url", "https://models.example.com");
        config.set("user.name", "ada");

        assertThat(config.unset("registry.url")).isTrue();
        assertThat(config.unset("registry.url")).isFalse();
        assertThat(config().get("registry.url")).isEqualTo("http://127.0.0.1:8470");
        assertThat(config().get("user.name")).isEqualTo("ada");
    }

    @Test
    void anUnknownKeyListsTheKnownOnes() {
        assertThatThrownBy(() -> config().set("registry.ur", "x"))
                .isInstanceOf(MagicException.class)
                .hasMessage("unknown setting 'registry.ur' (did you mean registry.url?); known settings:"
                        + " registry.token, registry.url, user.name");
        assertThatThrownBy(() -> config().get("colour"))
                .hasMessage("unknown setting 'colour'; known settings:" + " registry.token, registry.url, user.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/x", "registry.internal:8080", "http://", "not a url", "http:///path"})
    void anInvalidRegistryUrlIsRefusedAndNothingIsWritten(String url) {
        BigheadConfig config = config();
        assertThatThrownBy(() -> config.set("registry.url", url))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("invalid registry.url '" + url + "': expected an http:// or https:// URL"
                        + " with a host, e.g. http://127.0.0.1:8470");
        assertThat(Files.exists(config.file())).isFalse();
    }

    @Test
    void otherValuesAreCheckedToo() {
        assertThatThrownBy(() -> config().set("registry.token", "two words"))
                .hasMessage("invalid registry.token 'two words': a token has no spaces");
        assertThatThrownBy(() -> config().set("user.name", "  "))
                .hasMessage("invalid user.name '  ': the value is empty (to remove a setting:"
                        + " %bighead config --unset user.name)");
    }

    @Test
    void theTokenIsShownMasked() {
        BigheadConfig config = config();
        config.set("registry.token", "s3cr3t-token-7f2a");
        assertThat(config.shown("registry.token")).isEqualTo("****7f2a");
        assertThat(config.get("registry.token")).isEqualTo("s3cr3t-token-7f2a");
        config.set("registry.token", "short");
        assertThat(config.shown("registry.token")).isEqualTo("****");
    }

    @Test
    void theFileIsReplacedAtomicallyReadableOnlyByItsOwnerWithNoTempFileLeft() throws Exception {
        BigheadConfig config = config();
        config.set("user.name", "ada");
        config.set("registry.token", "abc");

        try (var files = Files.list(config.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void keysFromANewerVersionAreKeptWhenTheFileIsRewritten() throws Exception {
        BigheadConfig config = config();
        Files.createDirectories(config.file().getParent());
        Files.writeString(config.file(), "{\"hub.url\": \"http://hub\", \"user.name\": \"bob\"}");

        config.set("user.name", "ada");

        assertThat(Files.readString(config.file())).contains("\"hub.url\" : \"http://hub\"");
        assertThat(config.get("user.name")).isEqualTo("ada");
    }

    @Test
    void aCorruptFileIsAnErrorNamingTheFileAndTheWayOut() throws Exception {
        BigheadConfig config = config();
        Files.createDirectories(config.file().getParent());
        Files.writeString(config.file(), "{\"registry.url\": ");

        assertThatThrownBy(() -> config.get("registry.url"))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("Bighead settings file " + config.file() + " is not valid JSON at line 1")
                .hasMessageEndingWith("; fix it, or delete it to start from the defaults");

        Files.writeString(config.file(), "[1, 2]");
        assertThatThrownBy(() -> config.get("registry.url"))
                .hasMessage("Bighead settings file " + config.file()
                        + " is not a JSON object of settings; fix it, or delete it to start from the defaults");

        Files.writeString(config.file(), "{\"user.name\": 42}");
        assertThatThrownBy(() -> config.get("registry.url"))
                .hasMessageStartingWith(
                        "Bighead settings file " + config.file() + " has a non-text value for 'user.name'");
    }

    @Test
    void theFileIsBigheadConfigWhenSetElseInTheHomeFolder() {
        Path home = Path.of("/home/ada");
        assertThat(BigheadConfig.defaultFile(Map.of("BIGHEAD_CONFIG", "/etc/bighead.json"), home))
                .isEqualTo(Path.of("/etc/bighead.json"));
        assertThat(BigheadConfig.defaultFile(Map.of("BIGHEAD_CONFIG", ""), home))
                .isEqualTo(Path.of("/home/ada/.bighead/config.json"));
        assertThat(BigheadConfig.defaultFile(Map.of(), home)).isEqualTo(Path.of("/home/ada/.bighead/config.json"));
    }
}
