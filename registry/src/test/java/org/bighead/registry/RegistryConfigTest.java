package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bighead.config.Settings;
import org.junit.jupiter.api.Test;

/** Named settings: a local default changed one setting at a time, and flags resolved over the environment. */
class RegistryConfigTest {
    @Test
    void aLocalConfigChangesOnlyTheSettingsNamedAndLeavesTheOriginalAlone() {
        RegistryConfig base = RegistryConfig.local(Path.of("/data"));
        RegistryConfig changed = base.port(0).requireReadToken(true).maxJsonBytes(5000);

        assertThat(base.port()).isEqualTo(RegistryConfig.DEFAULT_PORT);
        assertThat(base.requireReadToken()).isFalse();
        assertThat(changed.port()).isZero();
        assertThat(changed.requireReadToken()).isTrue();
        assertThat(changed.maxJsonBytes()).isEqualTo(5000);
        assertThat(changed.maxBundleBytes()).isEqualTo(RegistryConfig.DEFAULT_MAX_BUNDLE_BYTES);
        assertThat(changed.jdbcUrl()).isEqualTo("jdbc:sqlite:/data/registry.db");
        assertThat(changed.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Settings settings = Settings.of(
                Map.of(
                        "BIGHEAD_REGISTRY_DB_URL",
                        "jdbc:postgresql://env/db",
                        "BIGHEAD_REGISTRY_DB_USER",
                        "maya",
                        "BIGHEAD_REGISTRY_ARTIFACTS",
                        " "),
                Map.of("registry.db-user", "from-file", "registry.port", "9470", "registry.s3-endpoint", "http://s3"));
        RegistryServer flags = new RegistryServer();
        RegistryServer.commandLine(flags, settings)
                .parseArgs("--data", "/data", "--db", "jdbc:postgresql://flag/db", "--max-bundle-mb", "3");

        RegistryConfig config = RegistryConfig.resolve(flags, Map.of("AWS_REGION", "eu-west-1"));

        assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://flag/db");
        assertThat(config.dbUser()).as("the environment over the file").isEqualTo("maya");
        assertThat(config.port()).as("the file over the default").isEqualTo(9470);
        assertThat(config.s3Endpoint()).isEqualTo("http://s3");
        assertThat(config.artifacts()).as("blank counts as unset").isNull();
        assertThat(config.s3Region()).isEqualTo("eu-west-1");
        assertThat(config.maxBundleBytes()).isEqualTo(3L << 20);
    }

    @Test
    void theSchedulersLeaseComesFromItsVariableAndMustBeAtLeastASecond() {
        Settings settings = Settings.of(Map.of("BIGHEAD_REGISTRY_JOB_LEASE_SECONDS", "90"), Map.of());
        RegistryServer flags = new RegistryServer();
        RegistryServer.commandLine(flags, settings).parseArgs();
        assertThat(RegistryConfig.resolve(flags, Map.of()).jobLease()).isEqualTo(Duration.ofSeconds(90));
        assertThat(RegistryConfig.local(Path.of("/data")).jobLease()).isEqualTo(Duration.ofSeconds(30));

        RegistryServer zero = new RegistryServer();
        RegistryServer.commandLine(zero, settings).parseArgs("--job-lease-seconds", "0");
        assertThatThrownBy(() -> RegistryConfig.resolve(zero, Map.of()))
                .hasMessage("--job-lease-seconds must be at least 1, not 0");
    }
}
