package org.bighead.environments.image;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.CatalogLocation;
import org.bighead.environments.catalog.EnvironmentSpec;

/**
 * Renders an environment into image specs, as pure data: no Docker, no file system. Two flavours of one environment
 * share every Bighead and dependency file byte for byte, so a model behaves the same in the notebook, in serving and
 * in its jobs:
 *
 * <ul>
 *   <li>{@link Flavor#RUNTIME} (serving and jobs): the jlinked JRE in a {@code FROM scratch} base, then the class path.
 *       Small: no shell but busybox, no package manager.
 *   <li>{@link Flavor#NOTEBOOK}: a Debian base with Python, the same JRE, JupyterLab and JupyterHub's single-user
 *       server, the same class path, and the Bighead kernel's kernelspec.
 * </ul>
 *
 * <p>Layers come in the order of how often they change: runtime → dependencies (keyed by the {@link Lock}) →
 * Bighead → user, so a code change rebuilds only the last two. The Bighead layer also carries the team's catalog at
 * {@value #CATALOG} ({@code BIGHEAD_CATALOG}), so the kernel's {@code %bighead env} and pickers read it in the image.
 */
public final class ImageSpecs {
    /** Where the class path lives in every image. */
    public static final String LIB = "/opt/bighead/lib";
    /**
     * Where notebook images keep Bighead's {@code -sources.jar}s: a {@code sources/} folder beside the jars, where
     * the kernel looks for Javadoc, and off the class path (the launchers' {@code lib/bighead/*} takes no subfolder).
     */
    public static final String SOURCES = LIB + "/bighead/sources";
    /** Where every image carries the team's catalog ({@code BIGHEAD_CATALOG}), for the kernel's magics. */
    public static final String CATALOG = CatalogLocation.IN_IMAGE;

    public static final String BUILD_CA = "/etc/bighead/build-ca.crt";
    /** PyTorch's wheel for the CUDA flavour: DJL 0.36 runs PyTorch 2.7.1 (pytorch-jni 2.7.1-0.36.0). */
    static final String TORCH = "torch==2.7.1";

    static final String LABEL = "org.bighead.";

    private ImageSpecs() {}

    /** What an image is for. */
    public enum Flavor {
        RUNTIME("runtime"),
        NOTEBOOK("notebook");

        private final String label;

        Flavor(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The base images: {@code jre} a jlinked JRE of the environment's JDK in a {@code FROM scratch} image (with
     * busybox and the C libraries the JRE and the native libraries of XGBoost and PyTorch need), {@code debian} a
     * Debian bookworm with Python made by debootstrap (notebook images and the CUDA runtime).
     */
    public record Bases(String jre, String debian) {}

    /**
     * The image of {@code environment} in {@code flavor}.
     *
     * @param environment the effective spec (a derived environment merged onto its base)
     * @param caBundle this machine's CA bundle: pip and apt in a build need it (the registries' TLS fails without);
     *     only used by flavours that install packages
     * @param notebookRequirements the notebook server's pinned requirements file
     */
    public static ImageSpec render(
            EnvironmentSpec environment,
            Lock lock,
            Distribution bighead,
            Flavor flavor,
            Bases bases,
            ContextFile caBundle,
            String notebookRequirements) {
        boolean cuda = environment.carries().contains(Carry.DJL_PYTORCH_CUDA);
        boolean debian = flavor == Flavor.NOTEBOOK || cuda;
        String suffix = flavor == Flavor.NOTEBOOK ? "-notebook" : "";
        List<Layer> layers = new ArrayList<>();
        layers.add(runtimeLayer(flavor, cuda, bases, caBundle, notebookRequirements));
        layers.add(new Layer("dependencies", List.of(), jars("dependencies", "deps", lock.dependencies()), List.of()));
        layers.add(bigheadLayer(bighead, environment.jdk(), flavor));
        layers.add(userLayer(environment, lock, flavor));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", "/opt/java");
        env.put(
                "PATH",
                debian
                        ? "/opt/bighead/bin:/opt/venv/bin:/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                                + "/sbin:/bin"
                        : "/opt/bighead/bin:/opt/java/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("BIGHEAD_ENVIRONMENT", environment.name());
        env.put(CatalogLocation.VARIABLE, CATALOG);
        if (cuda) {
            // DJL loads PyTorch from the wheel instead of downloading natives (nothing is downloaded at run time)
            env.put("PYTORCH_LIBRARY_PATH", "/opt/torch/lib/python3.11/site-packages/torch/lib");
            env.put("PYTORCH_VERSION", "2.7.1");
            env.put("PYTORCH_FLAVOR", "cu126");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL + "environment", environment.name());
        labels.put(LABEL + "flavor", flavor.label());
        labels.put(LABEL + "jdk", Integer.toString(environment.jdk()));
        labels.put(LABEL + "version", bighead.version());
        labels.put(LABEL + "gpu", Boolean.toString(environment.gpu()));
        labels.put(LABEL + "lock", lock.hash().substring(0, 12));
        environment.labels().forEach((k, v) -> labels.put(LABEL + "label." + k, v));
        List<String> cmd = flavor == Flavor.NOTEBOOK ? List.of("jupyterhub-singleuser") : List.of("java", "-version");
        return new ImageSpec(
                "bighead/env-" + environment.name() + suffix,
                debian ? bases.debian() : bases.jre(),
                layers,
                env,
                cmd,
                labels);
    }

    private static Layer runtimeLayer(
            Flavor flavor, boolean cuda, Bases bases, ContextFile caBundle, String notebookRequirements) {
        if (flavor == Flavor.RUNTIME && !cuda) {
            return new Layer("runtime", List.of(), List.of(), List.of()); // the base image is the runtime
        }
        List<String> before = List.of("COPY --from=" + bases.jre() + " /opt/java /opt/java");
        List<ContextFile> files = new ArrayList<>();
        files.add(relocated(caBundle, "runtime" + BUILD_CA));
        List<String> after = new ArrayList<>();
        if (flavor == Flavor.NOTEBOOK) {
            files.add(ContextFile.text(
                    "runtime/etc/bighead/notebook-requirements.txt", notebookRequirements, ContextFile.FILE));
            after.add("RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir --cert " + BUILD_CA
                    + " -q -r /etc/bighead/notebook-requirements.txt");
            after.add("RUN useradd --create-home --uid 1000 --shell /bin/bash jovyan");
        }
        if (cuda) {
            after.add("RUN python3 -m venv /opt/torch && /opt/torch/bin/pip install --no-cache-dir --cert " + BUILD_CA
                    + " -q " + TORCH);
        }
        return new Layer("runtime", before, files, after);
    }

    private static Layer bigheadLayer(Distribution bighead, int jdk, Flavor flavor) {
        List<ContextFile> files = new ArrayList<>();
        files.addAll(jars("bighead", "bighead", bighead.bighead()));
        for (Artifact a : bighead.resolver()) {
            files.add(ContextFile.of("bighead/opt/bighead/resolver/" + a.fileName(), a));
        }
        for (Artifact a : bighead.catalog()) {
            files.add(ContextFile.of("bighead" + CATALOG + "/" + a.file().getFileName(), a));
        }
        files.addAll(Launchers.scripts("bighead/opt/bighead/bin/", jdk));
        if (flavor == Flavor.NOTEBOOK) {
            for (Artifact a : bighead.sources()) {
                files.add(ContextFile.of("bighead" + SOURCES + "/" + a.fileName(), a));
            }
            files.add(ContextFile.text(
                    "bighead/opt/venv/share/jupyter/kernels/bighead/kernel.json",
                    Launchers.kernelJson(),
                    ContextFile.FILE));
            // a busy kernel counts as activity, so the hub's idle culler never stops a silent training run
            files.add(ContextFile.text(
                    "bighead/opt/bighead/python/bighead_busy_activity.py",
                    resource("bighead_busy_activity.py"),
                    ContextFile.FILE));
            files.add(ContextFile.text(
                    "bighead/opt/venv/etc/jupyter/jupyter_server_config.py",
                    resource("jupyter_server_config.py"),
                    ContextFile.FILE));
        }
        return new Layer("bighead", List.of(), files, List.of());
    }

    private static Layer userLayer(EnvironmentSpec environment, Lock lock, Flavor flavor) {
        List<String> after = new ArrayList<>();
        if (flavor == Flavor.NOTEBOOK) {
            if (!environment.apt().isEmpty()) {
                after.add("RUN apt-get -o Acquire::https::CAInfo=" + BUILD_CA + " update -q"
                        + " && DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::https::CAInfo=" + BUILD_CA
                        + " install -y -q --no-install-recommends " + String.join(" ", environment.apt())
                        + " && rm -rf /var/lib/apt/lists/*");
            }
            if (!environment.pip().isEmpty()) {
                after.add("RUN /opt/venv/bin/pip install --no-cache-dir --cert " + BUILD_CA + " -q "
                        + String.join(" ", environment.pip()));
            }
            after.add("USER jovyan");
            after.add("WORKDIR /home/jovyan");
        }
        return new Layer("user", List.of(), jars("user", "user", lock.user()), after);
    }

    /** Jars under {@code layer/opt/bighead/lib/dir/}; names made unique by prefixing the group where two clash. */
    private static List<ContextFile> jars(String layer, String dir, List<Artifact> artifacts) {
        Set<String> names = new HashSet<>();
        Set<String> clashing = artifacts.stream()
                .map(Artifact::fileName)
                .filter(n -> !names.add(n))
                .collect(Collectors.toSet());
        List<ContextFile> files = new ArrayList<>();
        for (Artifact a : artifacts) {
            String name = clashing.contains(a.fileName())
                    ? a.coordinate().substring(0, a.coordinate().indexOf(':')) + "-" + a.fileName()
                    : a.fileName();
            files.add(ContextFile.of(layer + LIB + "/" + dir + "/" + name, a));
        }
        return files;
    }

    private static ContextFile relocated(ContextFile file, String path) {
        return new ContextFile(path, file.source(), file.content(), file.sha256(), file.size(), file.mode());
    }

    /** A text file shipped in this jar beside the class (the notebook server's extension and settings). */
    static String resource(String name) {
        try (var in = ImageSpecs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
