package org.bighead.environments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.Catalog;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.image.BaseImages;
import org.bighead.environments.image.BuiltImages;
import org.bighead.environments.image.ContextFile;
import org.bighead.environments.image.DependencyResolver;
import org.bighead.environments.image.Distribution;
import org.bighead.environments.image.FileDigests;
import org.bighead.environments.image.ImageBuilder;
import org.bighead.environments.image.ImageSpec;
import org.bighead.environments.image.ImageSpecs;
import org.bighead.environments.image.ImageSpecs.Flavor;
import org.bighead.environments.image.Lock;

/**
 * The Docker Image Service: the catalog of environments, the images they become and their builds. What the CLI,
 * the hub, export and jobs ask for an environment's image.
 */
public final class Environments {
    private final Path home;
    private final Catalog catalog;
    private final Path state;
    private final FileDigests digests;
    private final String debianBase;

    /**
     * @param home the Bighead checkout (catalog, built jars, {@code .bighead/})
     * @param derived environments users made ({@code env create}), from the registry
     * @param debianBase setting {@code images.debian-base}, or {@code null}
     */
    public Environments(Path home, List<EnvironmentSpec> derived, String debianBase) {
        this.home = home;
        this.catalog = Catalog.load(home).with(derived);
        this.state = home.resolve(".bighead").resolve("images");
        this.digests = new FileDigests(state.resolve("digests.tsv"));
        this.debianBase = debianBase;
    }

    public Catalog catalog() {
        return catalog;
    }

    public BuiltImages built() {
        return new BuiltImages(state.resolve("built.json"));
    }

    /**
     * {@code name}'s spec with what it derives from merged in: the base's JDK, carries, labels and lists, plus the
     * additions of every environment on the way.
     */
    public EnvironmentSpec effective(String name) {
        return resolveChain(name).effective();
    }

    /** An environment and the base environment of the team's catalog it derives from. */
    record Chain(EnvironmentSpec base, List<EnvironmentSpec> derived) {
        EnvironmentSpec effective() {
            if (derived.isEmpty()) {
                return base;
            }
            EnvironmentSpec top = derived.get(derived.size() - 1);
            Set<String> maven = new LinkedHashSet<>(base.maven());
            Set<String> pip = new LinkedHashSet<>(base.pip());
            Set<String> apt = new LinkedHashSet<>(base.apt());
            Map<String, String> labels = new LinkedHashMap<>(base.labels());
            for (EnvironmentSpec d : derived) {
                maven.addAll(d.maven());
                pip.addAll(d.pip());
                apt.addAll(d.apt());
                labels.putAll(d.labels());
            }
            return new EnvironmentSpec(
                    top.name(),
                    top.description().isEmpty() ? base.description() : top.description(),
                    top.from(),
                    base.jdk(),
                    base.carries(),
                    List.copyOf(maven),
                    List.copyOf(pip),
                    List.copyOf(apt),
                    base.gpu(),
                    labels,
                    top.source());
        }

        List<String> userMaven() {
            Set<String> maven = new LinkedHashSet<>();
            derived.forEach(d -> maven.addAll(d.maven()));
            maven.removeAll(base.maven());
            return List.copyOf(maven);
        }
    }

    Chain resolveChain(String name) {
        List<EnvironmentSpec> derived = new ArrayList<>();
        EnvironmentSpec spec = catalog.require(name);
        Set<String> seen = new LinkedHashSet<>();
        while (spec.from() != null) {
            if (!seen.add(spec.name())) {
                throw new CatalogException("environment " + name + " derives from itself (" + seen + ")");
            }
            derived.add(0, spec);
            spec = catalog.find(spec.from())
                    .orElseThrow(() -> new CatalogException("environment " + name + " derives from '"
                            + derivedFrom(derived) + "', which no longer exists"));
        }
        return new Chain(spec, derived);
    }

    private static String derivedFrom(List<EnvironmentSpec> derived) {
        return derived.get(0).from();
    }

    /** Bighead's jars as built in this checkout. */
    public Distribution distribution() {
        Distribution d = Distribution.load(home, digests);
        digests.save();
        return d;
    }

    /** Resolves {@code name}'s class path: refuses, before any build, what does not resolve or conflicts. */
    public Lock lock(String name, Distribution bighead) {
        Chain chain = resolveChain(name);
        return new DependencyResolver(digests, Map.of())
                .resolve(bighead, chain.base().carries(), chain.base().maven(), chain.userMaven());
    }

    /** The image spec of {@code name} in {@code flavor}, rendered against these base images. */
    public ImageSpec render(String name, Flavor flavor, ImageSpecs.Bases bases) {
        Distribution bighead = distribution();
        Lock lock = lock(name, bighead);
        return ImageSpecs.render(effective(name), lock, bighead, flavor, bases, caBundle(), notebookRequirements());
    }

    /** The image spec of {@code name} in {@code flavor} against this engine's base images (made when missing). */
    public ImageSpec render(DockerEngine engine, String name, Flavor flavor, Consumer<String> progress) {
        return render(name, flavor, bases(engine, effective(name), List.of(flavor), progress));
    }

    /** The base images {@code flavors} of {@code env} stand on, made when missing. */
    private ImageSpecs.Bases bases(
            DockerEngine engine, EnvironmentSpec env, List<Flavor> flavors, Consumer<String> progress) {
        BaseImages bases = new BaseImages(engine, state, debianBase);
        String jre = bases.jre(env.jdk(), progress);
        boolean needsDebian = flavors.contains(Flavor.NOTEBOOK) || env.carries().contains(Carry.DJL_PYTORCH_CUDA);
        return new ImageSpecs.Bases(jre, needsDebian ? bases.debian(progress) : "bighead/debian:none");
    }

    /** One built (or found) image. */
    public record Built(String environment, Flavor flavor, ImageBuilder.Result result, String specHash) {}

    /** Builds {@code name} in each of {@code flavors} (base images first, when missing). */
    public List<Built> build(
            DockerEngine engine, String name, List<Flavor> flavors, String createdBy, Consumer<String> progress) {
        EnvironmentSpec env = effective(name);
        Distribution bighead = distribution();
        Lock lock = lock(name, bighead);
        ImageSpecs.Bases baseImages = bases(engine, env, flavors, progress);
        List<Built> out = new ArrayList<>();
        ImageBuilder builder = new ImageBuilder(engine);
        for (Flavor flavor : flavors) {
            ImageSpec spec =
                    ImageSpecs.render(env, lock, bighead, flavor, baseImages, caBundle(), notebookRequirements());
            String hash = spec.hash();
            progress.accept(name + " (" + flavor.label() + "): " + spec.reference());
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("org.bighead.spec-hash", hash);
            labels.put("org.bighead.created-by", createdBy);
            ImageBuilder.Result result = builder.build(spec, labels, progress);
            built().record(name, flavor.label(), result, hash);
            out.add(new Built(name, flavor, result, hash));
        }
        return out;
    }

    /** This machine's CA bundle, which pip and apt inside a build need. */
    static ContextFile caBundle() {
        for (String candidate : List.of(
                "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem")) {
            Path p = Path.of(candidate);
            if (Files.isReadable(p)) {
                try {
                    byte[] bytes = Files.readAllBytes(p);
                    return new ContextFile(
                            "ca.crt", null, bytes, FileDigests.sha256(bytes), bytes.length, ContextFile.FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + p, e);
                }
            }
        }
        return ContextFile.text("ca.crt", "", ContextFile.FILE);
    }

    static String notebookRequirements() {
        try (var in = ImageSpecs.class.getResourceAsStream("notebook-requirements.txt")) {
            if (in == null) {
                throw new IllegalStateException("notebook-requirements.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
