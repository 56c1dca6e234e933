package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %jars: only .jar files, from globs or folders; every argument must find one. */
class JarsMagicTest {
    @TempDir
    Path work;

    private FakeContext context;

    @BeforeEach
    void files() throws IOException {
        for (String file : new String[] {"lib/b.jar", "lib/a.JAR", "lib/notes.txt", "lib/ext/c.jar", "docs/x.md"}) {
            Files.createDirectories(work.resolve(file).getParent());
            Files.writeString(work.resolve(file), "");
        }
        MagicRegistry registry = new MagicRegistry().line("jars", "Add jars.", new JarsMagic(work, work));
        context = new FakeContext(work.resolve("config.json"), registry);
    }

    @Test
    void aFolderAddsTheJarsDirectlyInsideIt() {
        context.run("%jars lib");

        assertThat(context.classpath).containsExactly(work.resolve("lib/a.JAR"), work.resolve("lib/b.jar"));
        assertThat(context.printed()).isEqualTo("Added 2 jars: a.JAR, b.jar\n");
    }

    @Test
    void aGlobAddsTheJarsItMatchesAndSkipsOtherFiles() {
        context.run("%jars lib/*");
        assertThat(context.classpath).containsExactly(work.resolve("lib/a.JAR"), work.resolve("lib/b.jar"));
    }

    @Test
    void aGlobOrFolderWithoutJarsIsAnError() {
        assertThatThrownBy(() -> context.run("%jars docs/*"))
                .hasMessage("%jars docs/*: no .jar file among the 1 paths the glob matches");
        assertThatThrownBy(() -> context.run("%jars docs"))
                .hasMessage("%jars docs: no .jar file in the folder " + work.resolve("docs"));
        assertThatThrownBy(() -> context.run("%jars lib/*.war"))
                .hasMessage("'lib/*.war' matches nothing in " + work.resolve("lib"));
        assertThat(context.classpath).isEmpty();
    }

    @Test
    void aFileThatIsNotAJarIsAnError() {
        assertThatThrownBy(() -> context.run("%jars lib/notes.txt"))
                .hasMessage("%jars lib/notes.txt: not a .jar file (%classpath adds other paths)");
    }

    @Test
    void noArgumentIsAnErrorWithTheUsage() {
        assertThatThrownBy(() -> context.run("%jars"))
                .hasMessageStartingWith("%jars needs a glob or a folder")
                .hasMessageContaining("Usage: %jars");
    }
}
