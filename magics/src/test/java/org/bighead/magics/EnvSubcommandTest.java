package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
