package org.bighead.environments.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.image.ImageSpecs.Bases;
import org.bighead.environments.image.ImageSpecs.Flavor;
import org.junit.jupiter.api.Test;

/** Image specs are data: rendered and compared here without a Docker engine or a single real jar. */
class ImageSpecsTest {
    static final Bases BASES = new Bases("bighead/jre:17-aaaa", "bighead/debian:bookworm-bbbb");
    static final ContextFile CA = ContextFile.text("ca.crt", "-----BEGIN CERTIFICATE-----\n", ContextFile.FILE);
    static final String REQUIREMENTS = "jupyterlab==4.6.6\n";

    static Artifact jar(String coordinate, String sha) {
        String[] p = coordinate.split(":");
        return new Artifact(coordinate, Path.of("/m2/" + p[1] + "-" + p[p.length - 1] + ".jar"), sha, 1000);
    }

    static Distribution bighead(String kernelSha) {
        return bighead(kernelSha, "66");
    }

    static Distribution bighead(String kernelSha, String catalogSha) {
        return new Distribution(
                "0.1.0",
                List.of(new Artifact(
                        "bighead:bighead-kernel-0.1.0", Path.of("/src/bighead-kernel-0.1.0.jar"), kernelSha, 500)),
                List.of(new Artifact(
                        "sources:bighead-kernel-0.1.0-sources.jar",
                        Path.of("/src/bighead-kernel-0.1.0-sources.jar"),
                        "77",
                        70)),
                List.of(jar("com.fasterxml.jackson.core:jackson-databind:2.20.1", "11")),
                List.of(new Artifact("resolver:bighead-resolver.jar", Path.of("/src/bighead-resolver.jar"), "22", 9)),
                List.of(new Artifact(
                        "catalog:cpu.yaml", Path.of("/src/environments/catalog/cpu.yaml"), catalogSha, 120)));
    }

    static EnvironmentSpec env(String name, Set<Carry> carries, boolean gpu, List<String> pip) {
        return new EnvironmentSpec(
                name, "", null, 17, carries, List.of(), pip, List.of(), gpu, Map.of("team", "ml"), "test");
    }

    static final EnvironmentSpec CPU = env("cpu", Set.of(Carry.XGBOOST), false, List.of());
    static final Lock LOCK = new Lock(
            List.of(
                    jar("com.fasterxml.jackson.core:jackson-databind:2.20.1", "11"),
                    jar("ml.dmlc:xgboost4j:3.4.0", "33")),
            List.of(),
            List.of());

    static ImageSpec render(EnvironmentSpec env, Lock lock, Distribution d, Flavor flavor) {
        return ImageSpecs.render(env, lock, d, flavor, BASES, CA, REQUIREMENTS);
    }

    @Test
    void theRuntimeImageIsTheJreBaseThenDependenciesThenBigheadThenUser() {
        ImageSpec spec = render(CPU, LOCK, bighead("44"), Flavor.RUNTIME);

        assertThat(spec.from()).isEqualTo("bighead/jre:17-aaaa");
        assertThat(spec.layers()).extracting(Layer::name).containsExactly("runtime", "dependencies", "bighead", "user");
        assertThat(spec.dockerfile())
                .startsWith("# bighead/env-cpu: rendered by Bighead")
                .contains("FROM bighead/jre:17-aaaa\n# layer: dependencies\nCOPY dependencies/ /\n# layer: bighead\n"
                        + "COPY bighead/ /\n")
                .doesNotContain("COPY user/") // nothing of its own
                .contains("LABEL org.bighead.environment=\"cpu\" org.bighead.flavor=\"runtime\" org.bighead.jdk=\"17\"")
                .contains("org.bighead.label.team=\"ml\"");
        assertThat(spec.layer("dependencies").files())
                .extracting(ContextFile::path)
                .containsExactly(
                        "dependencies/opt/bighead/lib/deps/jackson-databind-2.20.1.jar",
                        "dependencies/opt/bighead/lib/deps/xgboost4j-3.4.0.jar");
        assertThat(spec.layer("bighead").files())
                .extracting(ContextFile::path)
                .contains(
                        "bighead/opt/bighead/lib/bighead/bighead-kernel-0.1.0.jar",
                        "bighead/opt/bighead/resolver/bighead-resolver.jar",
                        "bighead/opt/bighead/bin/bighead-java",
                        "bighead/opt/bighead/bin/bighead-serve");
        assertThat(spec.env()).containsEntry("PATH", "/opt/bighead/bin:/opt/java/bin:/bin");
        assertThat(spec.reference()).matches("bighead/env-cpu:[0-9a-f]{12}");
    }

    @Test
    void theSameInputsGiveTheSameTagAndAnyChangedByteAnother() {
        ImageSpec one = render(CPU, LOCK, bighead("44"), Flavor.RUNTIME);
        ImageSpec same = render(CPU, LOCK, bighead("44"), Flavor.RUNTIME);
        ImageSpec codeChange = render(CPU, LOCK, bighead("45"), Flavor.RUNTIME);

        assertThat(same.reference()).isEqualTo(one.reference());
        assertThat(codeChange.reference()).isNotEqualTo(one.reference());
        // a code change leaves the layers before Bighead's as they were: the engine's cache keeps them
        assertThat(codeChange.layer("dependencies")).isEqualTo(one.layer("dependencies"));
        assertThat(codeChange.layer("bighead")).isNotEqualTo(one.layer("bighead"));
    }

    @Test
    void labelsAndCarriesInAnotherOrderRenderTheSameBytes() {
        var labels = new java.util.LinkedHashMap<String, String>();
        labels.put("z", "1");
        labels.put("a", "2");
        var reversed = new java.util.LinkedHashMap<String, String>();
        reversed.put("a", "2");
        reversed.put("z", "1");
        EnvironmentSpec one = new EnvironmentSpec(
                "cpu",
                "",
                null,
                17,
                Set.of(Carry.XGBOOST, Carry.DJL_PYTORCH_CPU),
                List.of(),
                List.of(),
                List.of(),
                false,
                labels,
                "test");
        EnvironmentSpec other = new EnvironmentSpec(
                "cpu",
                "",
                null,
                17,
                new java.util.LinkedHashSet<>(List.of(Carry.DJL_PYTORCH_CPU, Carry.XGBOOST)),
                List.of(),
                List.of(),
                List.of(),
                false,
                reversed,
                "test");

        assertThat(render(other, LOCK, bighead("44"), Flavor.RUNTIME).dockerfile())
                .isEqualTo(render(one, LOCK, bighead("44"), Flavor.RUNTIME).dockerfile());
    }

    @Test
    void whatADerivedEnvironmentAddsIsALayerOfItsOwnOnTop() {
        Lock withUser = new Lock(LOCK.dependencies(), List.of(jar("org.jsoup:jsoup:1.18.3", "55")), List.of());

        ImageSpec base = render(CPU, LOCK, bighead("44"), Flavor.RUNTIME);
        ImageSpec derived = render(CPU, withUser, bighead("44"), Flavor.RUNTIME);

        assertThat(derived.layer("dependencies")).isEqualTo(base.layer("dependencies"));
        assertThat(derived.layer("user").files())
                .extracting(ContextFile::path)
                .containsExactly("user/opt/bighead/lib/user/jsoup-1.18.3.jar");
        assertThat(derived.dockerfile()).contains("# layer: user\nCOPY user/ /\n");
    }

    @Test
    void theNotebookImageIsDebianWithJupyterTheSameJreAndTheSameClassPath() {
        EnvironmentSpec withPip = env("cpu", Set.of(Carry.XGBOOST), false, List.of("pandas==2.2.3"));
        ImageSpec runtime = render(withPip, LOCK, bighead("44"), Flavor.RUNTIME);
        ImageSpec notebook = render(withPip, LOCK, bighead("44"), Flavor.NOTEBOOK);

        assertThat(notebook.repository()).isEqualTo("bighead/env-cpu-notebook");
        assertThat(notebook.from()).isEqualTo("bighead/debian:bookworm-bbbb");
        assertThat(notebook.dockerfile())
                .contains("COPY --from=bighead/jre:17-aaaa /opt/java /opt/java")
                .contains("pip install --no-cache-dir --cert /etc/bighead/build-ca.crt -q -r "
                        + "/etc/bighead/notebook-requirements.txt")
                .contains("RUN /opt/venv/bin/pip install --no-cache-dir --cert /etc/bighead/build-ca.crt -q"
                        + " pandas==2.2.3")
                .contains("USER jovyan")
                .contains("CMD [\"jupyterhub-singleuser\"]");
        assertThat(runtime.dockerfile()).doesNotContain("pandas"); // pip is for the notebook server
        assertThat(notebook.layer("dependencies").files())
                .isEqualTo(runtime.layer("dependencies").files());
        assertThat(notebook.layer("bighead").files())
                .containsAll(runtime.layer("bighead").files());
        assertThat(notebook.layer("bighead").files())
                .extracting(ContextFile::path)
                .contains("bighead/opt/venv/share/jupyter/kernels/bighead/kernel.json");
    }

    @Test
    void theNotebookImageKeepsBigheadsSourcesJarsInASourcesFolderBesideItsJarsOffTheClassPath() {
        ImageSpec notebook = render(CPU, LOCK, bighead("44"), Flavor.NOTEBOOK);
        ImageSpec runtime = render(CPU, LOCK, bighead("44"), Flavor.RUNTIME);

        // where the kernel looks for Javadoc (Shift+Tab): sources/NAME-sources.jar beside NAME.jar
        assertThat(notebook.layer("bighead").files())
                .extracting(ContextFile::path)
                .contains(
                        "bighead/opt/bighead/lib/bighead/bighead-kernel-0.1.0.jar",
                        "bighead/opt/bighead/lib/bighead/sources/bighead-kernel-0.1.0-sources.jar");
        // the class path's lib/bighead/* takes the jars of that folder, not of its sources/ subfolder
        assertThat(Launchers.CLASS_PATH).contains("/opt/bighead/lib/bighead/*").doesNotContain("sources");
        // serving and jobs have no kernel to show Javadoc
        assertThat(runtime.layer("bighead").files())
                .extracting(ContextFile::path)
                .noneMatch(path -> path.contains("sources"));
    }

    @Test
    void everyImageCarriesTheTeamsCatalogInTheBigheadLayerAndSaysWhereInBigheadCatalog() {
        for (Flavor flavor : Flavor.values()) {
            ImageSpec spec = render(CPU, LOCK, bighead("44"), flavor);

            assertThat(spec.layer("bighead").files())
                    .extracting(ContextFile::path)
                    .contains("bighead/opt/bighead/catalog/cpu.yaml");
            assertThat(spec.env()).containsEntry("BIGHEAD_CATALOG", "/opt/bighead/catalog");
            assertThat(spec.dockerfile()).contains("BIGHEAD_CATALOG=\"/opt/bighead/catalog\"");
        }
        ImageSpec one = render(CPU, LOCK, bighead("44", "66"), Flavor.NOTEBOOK);
        ImageSpec catalogChange = render(CPU, LOCK, bighead("44", "67"), Flavor.NOTEBOOK);
        assertThat(catalogChange.reference()).as("a catalog edit is a new tag").isNotEqualTo(one.reference());
        assertThat(catalogChange.layer("dependencies")).isEqualTo(one.layer("dependencies"));
    }

    @Test
    void theGpuImageCarriesPytorchsCudaWheelAndPointsDjlAtIt() {
        EnvironmentSpec gpu = env("gpu", Set.of(Carry.XGBOOST, Carry.DJL_PYTORCH_CUDA), true, List.of());

        ImageSpec spec = render(gpu, LOCK, bighead("44"), Flavor.RUNTIME);

        assertThat(spec.from()).isEqualTo("bighead/debian:bookworm-bbbb");
        assertThat(spec.dockerfile())
                .contains("RUN python3 -m venv /opt/torch && /opt/torch/bin/pip install --no-cache-dir --cert"
                        + " /etc/bighead/build-ca.crt -q torch==2.7.1")
                .contains("org.bighead.gpu=\"true\"");
        assertThat(spec.env())
                .containsEntry("PYTORCH_LIBRARY_PATH", "/opt/torch/lib/python3.11/site-packages/torch/lib")
                .containsEntry("PYTORCH_VERSION", "2.7.1");
    }

    @Test
    void launchersUseTheJdksOptions() {
        EnvironmentSpec on25 = new EnvironmentSpec(
                "cpu-jdk25", "", null, 25, Set.of(), List.of(), List.of(), List.of(), false, Map.of(), "test");
        ImageSpec spec = render(on25, LOCK, bighead("44"), Flavor.RUNTIME);
        String launcher = new String(
                spec.layer("bighead").files().stream()
                        .filter(f -> f.path().endsWith("bin/bighead-java"))
                        .findFirst()
                        .orElseThrow()
                        .content(),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(launcher)
                .contains("--sun-misc-unsafe-memory-access=allow")
                .contains("-cp '/opt/bighead/lib/user/*:/opt/bighead/lib/bighead/*:/opt/bighead/lib/deps/*'");
    }
}
