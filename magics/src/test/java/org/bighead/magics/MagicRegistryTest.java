package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** Looking magics up, running cell parts, and what the user reads when a magic is unknown or fails. */
class MagicRegistryTest {

    /** A plugin as another module would ship it: a magic and a %bighead subcommand. */
    public static final class GreetingProvider implements MagicProvider {
        @Override
        public void register(MagicRegistry registry) {
            registry.line("hello", "Say hello.", (args, context) -> "Hello, " + args + "!");
            registry.bighead().add(PicocliSubcommand.of(Wave::new));
        }
    }

    @Command(name = "wave", description = "Wave at the notebook.")
    static final class Wave implements PicocliSubcommand.Action {
        @Override
        public Object call(MagicContext context) {
            return "~wave~";
        }
    }

    @Test
    void theBuiltInsAreRegisteredWithOneLineHelpsSortedByName() {
        MagicRegistry registry = MagicRegistry.withBuiltIns();
        assertThat(registry.lineMagics()).containsOnlyKeys("bighead", "classpath", "jars", "lsmagic", "maven", "time");
        assertThat(registry.cellMagics()).containsOnlyKeys("time");
        assertThat(registry.lineMagics().get("maven")).startsWith("Add Maven artifacts");
        assertThat(registry.bighead().subcommands())
                .containsOnlyKeys(
                        "batch-score",
                        "config",
                        "env",
                        "export",
                        "hardware",
                        "help",
                        "jobs",
                        "models",
                        "register",
                        "show",
                        "version");
    }

    @Test
    void anUnknownLineMagicListsTheAvailableOnesAndPointsToLsmagic() {
        assertThatThrownBy(() -> FakeContext.create().run("%foo bar"))
                .isInstanceOf(MagicException.class)
                .hasMessage("unknown magic %foo; available line magics: %bighead, %classpath, %jars, %lsmagic,"
                        + " %maven, %time (see %lsmagic)");
    }

    @Test
    void anUnknownCellMagicListsTheAvailableCellMagics() {
        assertThatThrownBy(() -> FakeContext.create().run("%%foo\nbody"))
                .hasMessage("unknown magic %%foo; available cell magics: %%time (see %lsmagic)");
    }

    @Test
    void aNearMissSuggestsTheMagicMeant() {
        assertThatThrownBy(() -> FakeContext.create().run("%mavn a:b:1"))
                .hasMessageStartingWith("unknown magic %mavn (did you mean %maven?); available line magics: ");
    }

    @Test
    void aLineMagicUsedAsACellMagicSaysWhereItBelongs() {
        assertThatThrownBy(() -> FakeContext.create().run("%%maven a:b:1"))
                .hasMessageStartingWith("unknown magic %%maven (%maven is a line magic: put it on a line of its own)");
    }

    @Test
    void aBadCellRunsNothingAtAll() {
        FakeContext context = FakeContext.create().answer("var a = 1;", null);
        assertThatThrownBy(() -> context.run("var a = 1;\n%nope")).hasMessageStartingWith("unknown magic %nope;");
        assertThatThrownBy(() -> context.run("var a = 1;\n%")).hasMessageStartingWith("'%' alone on line 2");
        assertThat(context.evaluated).isEmpty();
    }

    @Test
    void aCellRunsItsPartsInOrderAndShowsTheLastValue() {
        MagicRegistry registry = new MagicRegistry().line("say", "Print the arguments.", (args, context) -> {
            context.out().println(args);
            return null;
        });
        FakeContext context = new FakeContext(Path.of("unused.json"), registry)
                .answer("var a = 1;", null)
                .answer("a + 1", 2);
        assertThat(context.run("var a = 1;\n%say hi\na + 1")).isEqualTo(2);
        assertThat(context.evaluated).containsExactly("var a = 1;", "a + 1");
        assertThat(context.printed()).isEqualTo("hi\n");
    }

    @Test
    void anythingButAMagicExceptionIsWrappedNamingTheMagicAndTheCause() {
        IOException cause = new IOException("disk full");
        MagicRegistry registry = new MagicRegistry()
                .line("boom", "Fail.", (args, context) -> {
                    throw cause;
                })
                .cell("boom", "Fail.", (args, body, context) -> {
                    throw new IllegalStateException();
                });
        FakeContext context = new FakeContext(Path.of("unused.json"), registry);
        assertThatThrownBy(() -> context.run("%boom"))
                .isInstanceOf(MagicException.class)
                .hasMessage("%boom failed: IOException: disk full")
                .hasCause(cause);
        assertThatThrownBy(() -> context.run("%%boom\nx")).hasMessage("%%boom failed: IllegalStateException");
    }

    @Test
    void aMagicExceptionReachesTheUserUnchanged() {
        MagicException error = new MagicException("no such model 'x'");
        MagicRegistry registry = new MagicRegistry().line("fail", "Fail.", (args, context) -> {
            throw error;
        });
        assertThatThrownBy(() -> new FakeContext(Path.of("unused.json"), registry).run("%fail"))
                .isSameAs(error);
    }

    @Test
    void namesMustBeMagicNamesHelpOneLineAndEachNameRegisteredOnce() {
        MagicRegistry registry = new MagicRegistry().line("x", "X.", (args, context) -> null);
        assertThatThrownBy(() -> registry.line("x", "Again.", (args, context) -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("%x is already registered");
        assertThatThrownBy(() -> registry.line("a b", "Bad.", (args, context) -> null))
                .hasMessage("magic name 'a b' must be letters, digits, '_' or '-'");
        assertThatThrownBy(() -> registry.cell("y", "two\nlines", (args, body, context) -> null))
                .hasMessage("the help of %%y must be one non-blank line");
        registry.cell("x", "A cell magic may share a line magic's name.", (args, body, context) -> null);
    }

    /** A plugin that clashes with a built-in. */
    public static final class ClashingProvider implements MagicProvider {
        @Override
        public void register(MagicRegistry registry) {
            registry.line("lsmagic", "Mine.", (args, context) -> null);
        }
    }

    /** A class loader that finds {@code provider} as a {@link MagicProvider} service. */
    private static URLClassLoader loaderFinding(Class<? extends MagicProvider> provider, Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + MagicProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# a plugin\n" + provider.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, MagicRegistryTest.class.getClassLoader());
    }

    @Test
    void providersOnTheClassPathAddMagicsAndBigheadSubcommands(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = loaderFinding(GreetingProvider.class, dir)) {
            MagicRegistry registry = MagicRegistry.withBuiltIns(loader);
            FakeContext context = new FakeContext(dir.resolve("config.json"), registry);

            assertThat(registry.lineMagics())
                    .containsEntry("hello", "Say hello.")
                    .containsKey("maven");
            assertThat(context.run("%hello Ada")).isEqualTo("Hello, Ada!");
            assertThat(registry.bighead().subcommands()).containsEntry("wave", "Wave at the notebook.");
            assertThat(context.run("%bighead wave")).isEqualTo("~wave~");
        }
    }

    @Test
    void aProviderThatFailsIsNamedInTheError(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = loaderFinding(ClashingProvider.class, dir)) {
            assertThatThrownBy(() -> MagicRegistry.withBuiltIns(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("magic provider " + ClashingProvider.class.getName()
                            + " failed to register: IllegalStateException: %lsmagic is already registered");
        }
    }
}
