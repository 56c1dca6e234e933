package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** %bighead: one magic, subcommands with --help, and errors that say what to type instead. */
class BigheadCommandTest {

    @Command(
            name = "greet",
            description = {"Greet someone.", "Second line of the description."})
    static final class Greet implements PicocliSubcommand.Action {
        @Parameters(paramLabel = "NAME", description = "Who.")
        String name;

        @Option(names = "--times", defaultValue = "1", description = "How often.")
        int times;

        @Override
        public Object call(MagicContext context) {
            if (name.equals("crash")) {
                throw new IllegalStateException("crashed");
            }
            return ("Hello, " + name + "! ").repeat(times).strip();
        }
    }

    @Command(name = "mute")
    static final class Mute implements PicocliSubcommand.Action {
        @Override
        public Object call(MagicContext context) {
            return null;
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"%bighead", "%bighead help", "%bighead --help", "%bighead   "})
    void aloneOrWithHelpItListsEverySubcommandWithItsSummary(String cell) {
        FakeContext context = FakeContext.create();
        assertThat(context.run(cell)).isNull();
        assertThat(context.printed()).isEqualTo("""
                Usage: %bighead SUBCOMMAND [ARGS]   (every subcommand takes --help)

                  batch-score  Score a data set on Apache Spark, as ./bighead batch-score does; show the first rows
                  config       Show or change your settings (registry URL, token, user name); they persist.
                  env          Show this notebook's environment and hardware, or derive one: %bighead env create NAME
                  export       Export a fitted pipeline to production: register, serve, schedule (no --name: the button).
                  hardware     List the instance types notebooks run on: vCPUs, memory, GPUs, $/hour (--gpu: GPU types only).
                  help         List the subcommands, or show one's help: %bighead help config
                  jobs         List the registry's scheduled jobs, or one job's recent runs: %bighead jobs NAME
                  models       List the models in the registry: name, latest version, aliases.
                  register     Register a fitted pipeline in the model registry with its notebook and cells as lineage.
                  show         Display a pipeline, table, metrics or a .bighead bundle: %bighead show model
                  version      Show the Bighead version, the Java version and the kernel's JVM.
                """);
    }

    @Test
    void anUnknownSubcommandListsTheValidOnes() {
        assertThatThrownBy(() -> FakeContext.create().run("%bighead deploy now"))
                .isInstanceOf(MagicException.class)
                .hasMessage(
                        "unknown %bighead subcommand 'deploy'; available: batch-score, config, env, export, hardware, help,"
                                + " jobs, models, register, show, version (see %bighead help)");
        assertThatThrownBy(() -> FakeContext.create().run("%bighead confg"))
                .hasMessageStartingWith("unknown %bighead subcommand 'confg' (did you mean config?); available: ");
        assertThatThrownBy(() -> FakeContext.create().run("%bighead help deploy"))
                .hasMessageStartingWith("unknown %bighead subcommand 'deploy'; available: ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
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
                "version"
            })
    void everySubcommandAnswersHelpWithItsUsageAsTypedInACell(String name) {
        FakeContext viaFlag = FakeContext.create();
        viaFlag.run("%bighead " + name + " --help");
        FakeContext viaHelp = FakeContext.create();
        viaHelp.run("%bighead help " + name);

        assertThat(viaFlag.printed()).startsWith("Usage: %bighead " + name);
        assertThat(viaHelp.printed()).isEqualTo(viaFlag.printed());
    }

    @Test
    void badFlagsSayWhatWasWrongAndShowTheUsage() {
        FakeContext context = FakeContext.create();
        assertThatThrownBy(() -> context.run("%bighead config --bogus"))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("%bighead config: Unknown option: '--bogus'\n\nUsage: %bighead config [-h]");
        assertThatThrownBy(() -> context.run("%bighead config a b c"))
                .hasMessageStartingWith("%bighead config: Unmatched argument at index 2: 'c'");
        assertThatThrownBy(() -> context.run("%bighead version now"))
                .hasMessageStartingWith("%bighead version: Unmatched argument at index 0: 'now'");
        assertThat(context.printed()).isEmpty();
    }

    @Test
    void versionNamesBigheadJavaAndTheKernelsJvm() {
        FakeContext context = FakeContext.create();
        context.run("%bighead version");
        assertThat(context.printed().lines().toList())
                .satisfiesExactly(
                        line -> assertThat(line).isEqualTo("Bighead 0.1.0-test"),
                        line -> assertThat(line)
                                .startsWith("Java " + System.getProperty("java.runtime.version") + " (")
                                .contains(System.getProperty("java.vendor"))
                                .endsWith(" at " + System.getProperty("java.home")),
                        line -> assertThat(line)
                                .startsWith("Kernel: JVM pid "
                                        + ProcessHandle.current().pid() + " on "));
    }

    @Test
    void aPicocliSubcommandGetsParsedFlagsHelpAndItsFirstDescriptionLineAsSummary() {
        MagicRegistry registry = MagicRegistry.withBuiltIns();
        registry.bighead().add(PicocliSubcommand.of(Greet::new));
        FakeContext context = new FakeContext(Path.of("unused.json"), registry);

        assertThat(registry.bighead().subcommands()).containsEntry("greet", "Greet someone.");
        assertThat(context.run("%bighead greet 'Ada Lovelace' --times 2"))
                .isEqualTo("Hello, Ada Lovelace! Hello, Ada Lovelace!");
        assertThat(context.run("%bighead greet Bob"))
                .as("options reset between runs")
                .isEqualTo("Hello, Bob!");
        assertThatThrownBy(() -> context.run("%bighead greet --times x Bob"))
                .hasMessageStartingWith("%bighead greet: Invalid value for option '--times': 'x' is not an int");
        assertThatThrownBy(() -> context.run("%bighead greet"))
                .hasMessageStartingWith("%bighead greet: Missing required parameter: 'NAME'");
        context.run("%bighead greet -h");
        assertThat(context.printed())
                .contains("Usage: %bighead greet [-h] [--times=<times>] NAME")
                .contains("-h, --help")
                .contains("--times=<times>   How often.");
    }

    @Test
    void aSubcommandFailingUnexpectedlyIsWrappedNamingIt() {
        MagicRegistry registry = MagicRegistry.withBuiltIns();
        registry.bighead().add(PicocliSubcommand.of(Greet::new));
        assertThatThrownBy(() -> new FakeContext(Path.of("unused.json"), registry).run("%bighead greet crash"))
                .isInstanceOf(MagicException.class)
                .hasMessage("%bighead greet failed: IllegalStateException: crashed");
    }

    @Test
    void subcommandsNeedADescriptionAFreshNameAndALowercaseName() {
        BigheadCommand bighead = MagicRegistry.withBuiltIns().bighead();
        assertThatThrownBy(() -> PicocliSubcommand.of(Mute::new))
                .hasMessageStartingWith("@Command mute needs a description");
        assertThatThrownBy(() -> bighead.add(PicocliSubcommand.of(() -> new ConfigSubcommand(java.util.Map.of()))))
                .hasMessage("%bighead config is already registered");
        assertThatThrownBy(() -> bighead.add(new Subcommand() {
                    @Override
                    public String name() {
                        return "Show";
                    }

                    @Override
                    public String summary() {
                        return "Upper case.";
                    }

                    @Override
                    public Object run(String args, MagicContext context) {
                        return null;
                    }
                }))
                .hasMessage("subcommand name 'Show' must be lowercase letters, digits, '-'");
    }
}
