package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubcommandTest {
    @Test
    void theSessionsMavenCoordinatesComeFromTheCellsThatRan() {
        List<String> cells = List.of(
                "%maven org.jsoup:jsoup:1.18.3\nvar doc = 1;",
                "int x = 2;",
                "%maven com.google.code.gson:gson:2.11.0 org.jsoup:jsoup:1.18.3",
                "String s = \"%maven not:a:line\";");

        assertThat(EnvSubcommand.sessionMaven(cells))
                .containsExactly("org.jsoup:jsoup:1.18.3", "com.google.code.gson:gson:2.11.0");
    }

    @Test
    void withoutAnActionItShowsThisNotebooksEnvironmentHardwareAndWhatTheKernelSees() throws Exception {
        Map<String, String> env = Map.of(
                "BIGHEAD_ENVIRONMENT", "cpu",
                "BIGHEAD_INSTANCE_TYPE", "m5.xlarge",
                "BIGHEAD_IMAGE", "bighead/env-cpu-notebook:3c24fcaa4aa9",
                "BIGHEAD_BACKEND", "docker",
                "PATH", "/nonexistent");
        PicocliSubcommand subcommand = PicocliSubcommand.of(() -> new EnvSubcommand(env, Path.of("..")));

        Object shown = subcommand.run("", FakeContext.create());

        assertThat(shown).isInstanceOf(Shown.class);
        assertThat(shown.toString())
                .contains("environment    cpu\n")
                .contains("description    CPU — the Bighead library and kernel") // from this checkout's catalog
                .contains("instance type  m5.xlarge: 4 vCPUs, 16 GiB, no GPU, $0.192/hour\n")
                .contains("back end       docker\n")
                .contains("JDK            " + System.getProperty("java.version"))
                .contains("GPUs           none");
        assertThat(subcommand.run("show", FakeContext.create()).toString()).isEqualTo(shown.toString());
        assertThatThrownBy(() -> subcommand.run("show cpu", FakeContext.create()))
                .hasMessageContaining("takes no NAME");
        assertThatThrownBy(() -> subcommand.run("remove x", FakeContext.create()))
                .hasMessage("unknown action 'remove': %bighead env, %bighead env create NAME, %bighead env list");
    }
}
