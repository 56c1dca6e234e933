package org.bighead.environments.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every environment carries of Bighead: the jars of the kernel, the serving runtime and the command line (each
 * module's jar and its {@code target/classpath.txt}, as Maven built them in this checkout), split into Bighead's own
 * jars and the third-party ones, plus the kernel's isolated Maven resolver ({@code resolver/target/lib}, for
 * {@code %maven}) and the team's catalog of environments ({@code environments/catalog/*.yaml}, which a notebook's
 * {@code %bighead env} and pickers read). Notebook images also carry the {@code -sources.jar} Maven built beside each
 * of Bighead's own jars: the kernel reads Javadoc from them for Shift+Tab (third-party sources are not carried).
 *
 * @param version Bighead's version, from its jars' names
 * @param bighead Bighead's own jars: change with every code change, so they get a layer of their own
 * @param sources the {@code -sources.jar} of each of Bighead's own jars that has one, as {@code sources:NAME}
 * @param dependencies third-party jars, with their Maven coordinates
 * @param resolver the kernel's resolver folder's jars
 * @param catalog the catalog's {@code *.yaml} files, by name ({@code catalog:cpu.yaml})
 */
public record Distribution(
        String version,
        List<Artifact> bighead,
        List<Artifact> sources,
        List<Artifact> dependencies,
        List<Artifact> resolver,
        List<Artifact> catalog) {

    /** The modules whose class paths an image carries. */
    public static final List<String> MODULES = List.of("kernel", "serving-runtime", "cli");

    private static final Pattern JAR = Pattern.compile("bighead-[a-z-]+?-(\\d[^/]*)\\.jar");
    /** The kernel's silent SLF4J binding: beside the others' simple logger it would make SLF4J warn at every start. */
    private static final String SLF4J_NOP = "org.slf4j:slf4j-nop:";

    public Distribution {
        bighead = List.copyOf(bighead);
        sources = List.copyOf(sources);
        dependencies = List.copyOf(dependencies);
        resolver = List.copyOf(resolver);
        catalog = List.copyOf(catalog);
    }

    /** Bighead as built in the checkout at {@code home}; an error saying to run {@code ./bighead setup} if not. */
    public static Distribution load(Path home, FileDigests digests) {
        Path repo = Coordinates.defaultLocalRepository();
        Map<Path, Artifact> own = new LinkedHashMap<>();
        Map<Path, Artifact> thirdParty = new LinkedHashMap<>();
        String version = null;
        for (String module : MODULES) {
            Path target = home.resolve(module).resolve("target");
            Path moduleJar = moduleJar(target, module);
            List<Path> entries = new ArrayList<>();
            entries.add(moduleJar);
            try {
                for (String entry : Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8)
                        .strip()
                        .split(java.io.File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(Path.of(entry));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(module + "/target/classpath.txt is missing: run ./bighead setup");
            }
            for (Path entry : entries) {
                Path file = entry.toAbsolutePath().normalize();
                if (own.containsKey(file) || thirdParty.containsKey(file)) {
                    continue;
                }
                if (file.startsWith(home.toAbsolutePath().normalize())) {
                    Matcher m = JAR.matcher(file.getFileName().toString());
                    String name = file.getFileName().toString().replaceFirst("\\.jar$", "");
                    if (m.matches() && version == null) {
                        version = m.group(1);
                    }
                    own.put(file, artifact("bighead:" + name, file, digests));
                } else {
                    String coordinate = Coordinates.of(file, repo);
                    if (!coordinate.startsWith(SLF4J_NOP)) {
                        thirdParty.put(file, artifact(coordinate, file, digests));
                    }
                }
            }
        }
        return new Distribution(
                version == null ? "unknown" : version,
                new ArrayList<>(own.values()),
                sources(own.keySet(), digests),
                new ArrayList<>(thirdParty.values()),
                files("resolver", home.resolve("resolver").resolve("target").resolve("lib"), ".jar", digests),
                files("catalog", home.resolve("environments").resolve("catalog"), ".yaml", digests));
    }

    /** The {@code NAME-sources.jar} beside each {@code NAME.jar} of {@code jars} that has one. */
    private static List<Artifact> sources(Iterable<Path> jars, FileDigests digests) {
        List<Artifact> out = new ArrayList<>();
        for (Path jar : jars) {
            Path sources = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar"));
            if (Files.isRegularFile(sources)) {
                out.add(artifact("sources:" + sources.getFileName(), sources, digests));
            }
        }
        return out;
    }

    /** The files of {@code dir} whose names end with {@code suffix}, sorted, as {@code kind:NAME}; none if no dir. */
    private static List<Artifact> files(String kind, Path dir, String suffix, FileDigests digests) {
        List<Artifact> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(suffix))
                        .sorted()
                        .toList()) {
                    out.add(artifact(kind + ":" + file.getFileName(), file, digests));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + dir, e);
            }
        }
        return out;
    }

    private static Path moduleJar(Path target, String module) {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("bighead-")
                                && n.endsWith(".jar")
                                && !n.endsWith("-sources.jar")
                                && !n.endsWith("-tests.jar");
                    })
                    .toList();
            if (jars.size() != 1) {
                throw new IllegalStateException(
                        module + " is not built (no single jar in " + module + "/target): run ./bighead setup");
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new IllegalStateException(module + " is not built (" + target + " is missing): run ./bighead setup");
        }
    }

    static Artifact artifact(String coordinate, Path file, FileDigests digests) {
        try {
            return new Artifact(coordinate, file, digests.sha256(file), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
