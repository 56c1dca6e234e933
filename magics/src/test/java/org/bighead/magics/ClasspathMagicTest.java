package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %classpath: paths, globs and ~ become absolute class path entries; alone, it lists them. */
class ClasspathMagicTest {
    @TempDir
    Path work;

    @TempDir
    Path home;

    private FakeContext context;

    @BeforeEach
    void files() throws IOException {
        for (String file : new String[] {"lib/b.jar", "lib/a.jar", "lib/notes.txt", "lib/ext/c.jar"}) {
            Files.createDirectories(work.resolve(file).getParent());
            Files.writeString(work.resolve(file), "");
        }
        Files.createDirectories(work.resolve("classes"));
        Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("jars/h.jar"), "");
        MagicRegistry registry = new MagicRegistry().line("classpath", "Add.", new ClasspathMagic(work, home));
        context = new FakeContext(work.resolve("config.json"), registry);
    }

    @Test
    void aGlobAddsWhatItMatchesInSortedOrder() {
        context.run("%classpath lib/*.jar");

        assertThat(context.classpath).containsExactly(work.resolve("lib/a.jar"), work.resolve("lib/b.jar"));
        assertThat(context.printed()).isEqualTo("Added 2 jars: a.jar, b.jar\n");
    }

    @Test
    void aDoubleStarGlobCrossesFolders() {
        context.run("%classpath lib/**.jar");
        assertThat(context.classpath)
                .containsExactly(work.resolve("lib/a.jar"), work.resolve("lib/b.jar"), work.resolve("lib/ext/c.jar"));
    }

    @Test
    void tildeIsTheHomeFolderAndAbsolutePathsStayAsTheyAre() {
        context.run("%classpath ~/jars/*.jar " + work.resolve("classes") + " ~/jars/h.jar");

        assertThat(context.classpath).containsExactly(home.resolve("jars/h.jar"), work.resolve("classes"));
        assertThat(context.printed()).isEqualTo("Added 2 class path entries: h.jar, classes\n");
    }

    @Test
    void anAbsoluteGlobIsExpandedFromItsFixedFolder() {
        context.run("%classpath " + work + "/lib/?.jar");
        assertThat(context.classpath).containsExactly(work.resolve("lib/a.jar"), work.resolve("lib/b.jar"));
    }

    @Test
    void aMissingPathIsAnErrorNamingItAndNothingIsAdded() {
        assertThatThrownBy(() -> context.run("%classpath lib/a.jar missing.jar"))
                .isInstanceOf(MagicException.class)
                .hasMessage("no such file or folder: missing.jar (" + work.resolve("missing.jar") + ")");
        assertThat(context.classpath).isEmpty();
    }

    @Test
    void aGlobThatMatchesNothingIsAnErrorSayingWhereItLooked() {
        assertThatThrownBy(() -> context.run("%classpath lib/*.zip"))
                .hasMessage("'lib/*.zip' matches nothing in " + work.resolve("lib"));
        assertThatThrownBy(() -> context.run("%classpath nolib/*.jar"))
                .hasMessage("'nolib/*.jar' matches nothing: there is no folder " + work.resolve("nolib"));
    }

    @Test
    void entriesAlreadyAddedAreReportedAsSuch() {
        context.run("%classpath lib/a.jar");
        context.run("%classpath lib/a.jar lib/b.jar");

        assertThat(context.printed()).isEqualTo("""
                Added 1 jar: a.jar
                Added 1 jar: b.jar
                Already on the class path: a.jar
                """);
    }

    @Test
    void withoutArgumentsItListsWhatWasAdded() {
        context.run("%classpath");
        assertThat(context.printed()).startsWith("Nothing added to the class path yet");

        context.run("%classpath classes lib/a.jar");
        FakeContext fresh = new FakeContext(work.resolve("config.json"), context.magics());
        fresh.classpath.addAll(context.classpath);
        fresh.run("%classpath");
        assertThat(fresh.printed())
                .isEqualTo("Added to the class path (2 class path entries):\n" + "  " + work.resolve("classes") + "\n  "
                        + work.resolve("lib/a.jar") + "\n");
    }

    @Test
    void pathsWithSpacesCanBeQuoted() throws IOException {
        Files.writeString(work.resolve("my lib.jar"), "");
        context.run("%classpath \"my lib.jar\"");
        assertThat(context.classpath).containsExactly(work.resolve("my lib.jar"));
    }

    @Test
    void optionsAreRefusedAndHelpPrintsTheUsage() {
        assertThatThrownBy(() -> context.run("%classpath --all"))
                .hasMessageStartingWith("%classpath has no option --all");
        context.run("%classpath --help");
        assertThat(context.printed()).startsWith("Usage: %classpath [PATH...]");
    }
}
