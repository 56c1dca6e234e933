package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.stages.Select;
import org.bighead.registry.client.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** %bighead register: its flags become the version's params, tags and lineage; bad input is one clear line. */
class RegisterSubcommandTest {
    @TempDir
    Path dir;

    private static final Map<String, String> NOTEBOOK_ENV = Map.of(
            "JPY_SESSION_NAME",
            "notebooks/demo.ipynb",
            "BIGHEAD_ENVIRONMENT_IMAGE",
            "bighead/env:3",
            "BIGHEAD_REGISTRY_URL",
            "http://127.0.0.1:1");

    @Test
    void flagsAndTheSessionBecomeTheVersionInfo() {
        RegisterSubcommand register = new RegisterSubcommand(NOTEBOOK_ENV, dir);
        new CommandLine(register)
                .parseArgs(Args.split("listing-price \"fit(120)\" --alias champion"
                                + " --reason 'beats v2' --param rows=1000 --param rounds=120 --tag team=pricing"
                                + " --description \"more rounds\"")
                        .toArray(String[]::new));
        FakeContext context = new FakeContext(dir.resolve("config.json"));
        context.config().set("user.name", "ada");
        context.cells.addAll(List.of("var split = Split.random(t, 0.8, 1);", "var model = p.fit(split.train());"));

        VersionInfo info = register.versionInfo(context);

        assertThat(register.name).isEqualTo("listing-price");
        assertThat(register.model).isEqualTo("fit(120)");
        assertThat(register.alias).isEqualTo("champion");
        assertThat(register.reason).isEqualTo("beats v2");
        assertThat(info.params()).containsExactlyInAnyOrderEntriesOf(Map.of("rows", "1000", "rounds", "120"));
        assertThat(info.tags()).containsExactlyEntriesOf(Map.of("team", "pricing"));
        assertThat(info.description()).isEqualTo("more rounds");
        assertThat(info.lineage().notebook()).isEqualTo("notebooks/demo.ipynb");
        assertThat(info.lineage().cells())
                .containsExactly("var split = Split.random(t, 0.8, 1);", "var model = p.fit(split.train());");
        assertThat(info.lineage().environmentImage()).isEqualTo("bighead/env:3");
        assertThat(info.lineage().user()).isEqualTo("ada");
    }

    @Test
    void outsideJupyterServerThereIsNoNotebook() {
        RegisterSubcommand register = new RegisterSubcommand(Map.of(), dir);
        new CommandLine(register).parseArgs("m", "model");
        VersionInfo info = register.versionInfo(FakeContext.create());
        assertThat(info.lineage().notebook()).isNull();
        assertThat(info.lineage().environmentImage()).isNull();
        assertThat(info.params()).isNull();
    }

    @Test
    void aValueThatIsNotAFittedPipelineIsRefusedInOneLine() {
        FakeContext context = new FakeContext(dir.resolve("config.json"), registry()).answer("rows", 1000);
        assertThatThrownBy(() -> context.run("%bighead register x rows"))
                .isInstanceOf(MagicException.class)
                .hasMessage("%bighead register: rows is an int, not a FittedPipeline (call .fit(...) on a Pipeline)"
                        + " or a .bighead file");
    }

    @Test
    void anUnknownNameIsReportedWithTheCompilerFirstLine() {
        FakeContext context = new FakeContext(dir.resolve("config.json"), registry());
        assertThatThrownBy(() -> context.run("%bighead register x notAModel"))
                .hasMessage("%bighead register: cannot evaluate notAModel: cannot find symbol: notAModel");
    }

    @Test
    void aMissingModelArgumentShowsTheUsage() {
        FakeContext context = new FakeContext(dir.resolve("config.json"), registry());
        assertThatThrownBy(() -> context.run("%bighead register listing-price"))
                .hasMessageStartingWith("%bighead register: Missing required parameter: 'MODEL'")
                .hasMessageContaining("Usage: %bighead register");
    }

    @Test
    void aReasonWithoutAnAliasIsRefused() {
        FakeContext context = new FakeContext(dir.resolve("config.json"), registry());
        assertThatThrownBy(() -> context.run("%bighead register x model --reason why"))
                .hasMessage("%bighead register: --reason explains an alias move; add --alias ALIAS");
    }

    @Test
    void aRegistryThatIsNotRunningIsOneLineNamingItsUrlAndTheSetting() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        MagicRegistry magics = new MagicRegistry();
        magics.line("bighead", "Bighead platform commands.", magics.bighead());
        magics.bighead()
                .add(PicocliSubcommand.of(() -> new RegisterSubcommand(Map.of("BIGHEAD_REGISTRY_URL", url), dir)));
        FakeContext context = new FakeContext(dir.resolve("config.json"), magics).answer("model", tinyModel());

        assertThatThrownBy(() -> context.run("%bighead register line model"))
                .hasMessageStartingWith("registering line at " + url + " failed: cannot reach the registry")
                .hasMessageEndingWith("(set BIGHEAD_REGISTRY_URL, or %bighead config registry.url URL)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Built-ins whose register subcommand sees no registry environment, so the machine's settings do not leak in. */
    private MagicRegistry registry() {
        MagicRegistry magics = new MagicRegistry();
        magics.line("bighead", "Bighead platform commands.", magics.bighead());
        magics.bighead().add(PicocliSubcommand.of(() -> new RegisterSubcommand(Map.of(), dir)));
        return magics;
    }

    private static FittedPipeline tinyModel() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] y = {1, 3, 5, 7, 9, 11, 13, 15};
        Table table = Table.create("line", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
        return Pipeline.of(Select.of("x"), Linear.regressor()).target("y").fit(table);
    }

    @Test
    void valuesAreDescribedAsPeopleNameThem() {
        assertThat(RegisterSubcommand.describe(3)).isEqualTo("an int");
        assertThat(RegisterSubcommand.describe(2.5)).isEqualTo("a double");
        assertThat(RegisterSubcommand.describe(java.util.List.of(1, 2))).isEqualTo("a List");
        assertThat(RegisterSubcommand.describe(java.util.Map.of())).isEqualTo("a Map");
        assertThat(RegisterSubcommand.describe(null)).isEqualTo("null");
        assertThat(RegisterSubcommand.describe(Table.create("t"))).isEqualTo("a Table");
    }
}
