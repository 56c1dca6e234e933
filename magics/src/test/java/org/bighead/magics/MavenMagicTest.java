package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** %maven: coordinates are checked before anything is resolved; the jars are added once. */
class MavenMagicTest {
    private static final Path GSON = Path.of("/m2/com/google/code/gson/gson/2.11.0/gson-2.11.0.jar");
    private static final Path ANNOTATIONS =
            Path.of("/m2/com/google/errorprone/error_prone_annotations/2.27.0/" + "error_prone_annotations-2.27.0.jar");

    @Test
    void resolvesEveryCoordinateAtOnceAndSaysWhichJarsWereAdded() {
        FakeContext context = FakeContext.create().maven(coordinates -> List.of(GSON, ANNOTATIONS));

        assertThat(context.run("%maven com.google.code.gson:gson:2.11.0 org.example:lib:jar:linux-x86_64:1.0"))
                .isNull();
        assertThat(context.resolved)
                .containsExactly(List.of("com.google.code.gson:gson:2.11.0", "org.example:lib:jar:linux-x86_64:1.0"));
        assertThat(context.classpath).containsExactly(GSON, ANNOTATIONS);
        assertThat(context.printed()).isEqualTo("Added 2 jars: gson-2.11.0.jar, error_prone_annotations-2.27.0.jar\n");
    }

    @Test
    void jarsAlreadyOnTheClassPathAreNamedAsSuch() {
        FakeContext context = FakeContext.create().maven(coordinates -> List.of(GSON, ANNOTATIONS));
        context.classpath.add(ANNOTATIONS);

        context.run("%maven com.google.code.gson:gson:2.11.0");
        context.run("%maven com.google.code.gson:gson:2.11.0");

        assertThat(context.printed()).isEqualTo("""
                Added 1 jar: gson-2.11.0.jar
                Already on the class path: error_prone_annotations-2.27.0.jar
                Already on the class path: gson-2.11.0.jar, error_prone_annotations-2.27.0.jar
                """);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "g:a:1.0",
                "org.example:my-lib_2:jar:1.0.0-SNAPSHOT",
                "g:a:jar:tests:1.0",
                "g:a:[1.0,2.0)",
                "g:a:1.0+build.5"
            })
    void wellFormedCoordinatesPass(String coordinate) {
        assertThat(MavenMagic.problem(coordinate)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "gson                              | it has 1 part",
                "com.google.code.gson:gson         | it has 2 parts",
                "g:a:jar:tests:extra:1.0           | it has 6 parts",
                "g::1.0                            | the artifact is empty",
                "g:a:                              | the version is empty",
                "g:a b:1.0                         | the artifact 'a b' has characters other than letters, digits",
                "g/x:a:1.0                         | the group 'g/x' has characters other than letters, digits",
                "g:a:1.0,                          | the version '1.0,' is neither a version like 2.11.0 nor a range",
            })
    void aBadCoordinateIsNamedWithWhatIsWrongAndNothingIsResolved(String coordinate, String problem) {
        FakeContext context = FakeContext.create();
        assertThatThrownBy(() -> context.run("%maven com.google.code.gson:gson:2.11.0 '" + coordinate + "'"))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("bad Maven coordinate '" + coordinate + "': " + problem)
                .hasMessageEndingWith("; expected group:artifact:version, group:artifact:extension:version or"
                        + " group:artifact:extension:classifier:version, e.g. com.google.code.gson:gson:2.11.0");
        assertThat(context.resolved).isEmpty();
    }

    @Test
    void noCoordinateOrAnOptionIsAnErrorWithTheUsage() {
        FakeContext context = FakeContext.create();
        assertThatThrownBy(() -> context.run("%maven"))
                .hasMessageStartingWith("%maven needs at least one coordinate")
                .hasMessageContaining("Usage: %maven");
        assertThatThrownBy(() -> context.run("%maven --offline g:a:1"))
                .hasMessageStartingWith("%maven has no option --offline");
        context.run("%maven --help");
        assertThat(context.printed()).startsWith("Usage: %maven COORDINATE [COORDINATE...]");
    }

    @Test
    void resolutionErrorsFromTheKernelReachTheUser() {
        FakeContext context = FakeContext.create().maven(coordinates -> {
            throw new MagicException("cannot resolve g:a:9.9: not found in central");
        });
        assertThatThrownBy(() -> context.run("%maven g:a:9.9"))
                .hasMessage("cannot resolve g:a:9.9: not found in central");
    }
}
