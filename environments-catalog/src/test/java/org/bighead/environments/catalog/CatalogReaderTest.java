package org.bighead.environments.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogReaderTest {
    static final Path HOME =
            Path.of(System.getProperty("bighead.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theTeamsCatalogHasACpuAGpuAndASparkEnvironment() {
        Catalog catalog = Catalog.load(HOME);

        EnvironmentSpec cpu = catalog.require("cpu");
        assertThat(cpu.jdk()).isEqualTo(17);
        assertThat(cpu.gpu()).isFalse();
        assertThat(cpu.carries()).contains(Carry.XGBOOST, Carry.DJL_PYTORCH_CPU);
        EnvironmentSpec gpu = catalog.require("gpu");
        assertThat(gpu.gpu()).isTrue();
        assertThat(gpu.carries()).contains(Carry.DJL_PYTORCH_CUDA).doesNotContain(Carry.DJL_PYTORCH_CPU);
        assertThat(catalog.require("spark").carries()).contains(Carry.SPARK);
        assertThat(catalog.require("cpu-jdk25").jdk()).isEqualTo(25);
    }

    @Test
    void anUnknownEnvironmentIsRefusedWithTheValidNames() {
        assertThatThrownBy(() -> Catalog.load(HOME).require("gpu2"))
                .hasMessageStartingWith("unknown environment 'gpu2' (valid: ")
                .hasMessageContaining("cpu, cpu-jdk25, gpu, spark");
    }

    @Test
    void errorsNameTheFileTheFieldAndWhatIsAllowed() throws IOException {
        assertThatThrownBy(() -> read("a.yaml", "name: a\njdk: 11\n"))
                .hasMessage("a.yaml: field 'jdk' is '11'; allowed: 17, 21, 25");
        assertThatThrownBy(() -> read("b.yaml", "name: b\njdk: 17\ncarries: [xgboost, tensorflow]\n"))
                .hasMessage("b.yaml: field 'carries' has 'tensorflow'; allowed: xgboost, djl-pytorch-cpu,"
                        + " djl-pytorch-cuda, spark");
        assertThatThrownBy(() -> read("c.yaml", "name: c\njdk: 17\ngpus: 1\n"))
                .hasMessageStartingWith("c.yaml: unknown field 'gpus' (allowed: apt, carries, description, from,");
        assertThatThrownBy(() -> read("d.yaml", "name: other\njdk: 17\n"))
                .hasMessage("d.yaml: field 'name' is 'other' but must match the file name ('d')");
        assertThatThrownBy(() -> read("e.yaml", "name: e\njdk: 17\npip: [pandas]\n"))
                .hasMessage("e.yaml: field 'pip' has 'pandas'; allowed: pinned requirements such as pandas==2.2.3");
        assertThatThrownBy(() -> read("f.yaml", "name: f\njdk: 17\ngpu: true\n"))
                .hasMessageContaining("f.yaml: field 'gpu' is true but 'carries' lacks djl-pytorch-cuda");
        assertThatThrownBy(() -> read("g.yaml", "name: g\njdk: [17\n"))
                .hasMessageStartingWith("g.yaml: not valid YAML");
        assertThatThrownBy(() -> read("h.yaml", "name: h\njdk: 17\nmaven: [junit]\n"))
                .hasMessage("h.yaml: field 'maven' has 'junit'; allowed: groupId:artifactId:version");
    }

    @Test
    void aValidFileReadsIntoASpec() throws IOException {
        EnvironmentSpec spec = read(
                "team.yaml",
                "name: team\ndescription: ours\njdk: 21\ncarries: [xgboost]\nmaven: [org.jsoup:jsoup:1.18.3]\n"
                        + "pip: [pandas==2.2.3]\napt: [graphviz]\nlabels: {owner: ml, tier: 2}\n");

        assertThat(spec.name()).isEqualTo("team");
        assertThat(spec.jdk()).isEqualTo(21);
        assertThat(spec.maven()).containsExactly("org.jsoup:jsoup:1.18.3");
        assertThat(spec.pip()).containsExactly("pandas==2.2.3");
        assertThat(spec.apt()).containsExactly("graphviz");
        assertThat(spec.labels()).containsEntry("owner", "ml").containsEntry("tier", "2");
        assertThat(spec.source()).isEqualTo("catalog/team.yaml");
    }

    private EnvironmentSpec read(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return CatalogReader.readFile(file);
    }
}
