package org.bighead.environments.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bighead.environments.engine.DockerEngine;

/**
 * The base images, made on this machine because no Docker Hub is needed (nor reachable on many build machines):
 *
 * <ul>
 *   <li>{@code bighead/jre:N-HASH}: a JRE jlinked from the local JDK N, with the C libraries it and the native
 *       libraries of XGBoost and PyTorch load, and a static busybox, in a {@code FROM scratch} image (about 60 MB);
 *   <li>{@code bighead/debian:bookworm-HASH}: a minimal Debian bookworm with Python made by {@code debootstrap} from
 *       this machine's Debian mirror and imported (needs root and Debian's debootstrap); setting
 *       {@code images.debian-base} names an image of your registry instead.
 * </ul>
 *
 * <p>Both tags are content-addressed like environment images: made once, then found.
 */
public final class BaseImages {
    /** Raise when what goes into a base image changes, so that every machine makes it anew. */
    static final String JRE_RECIPE = "2";

    static final String DEBIAN_RECIPE = "2";

    static final List<String> MODULES = List.of(
            "java.se",
            "jdk.unsupported",
            "jdk.zipfs",
            "jdk.management",
            "jdk.charsets",
            "jdk.crypto.ec",
            "jdk.security.auth",
            "jdk.httpserver",
            "jdk.jfr",
            "jdk.naming.dns",
            "jdk.net",
            "jdk.jshell",
            "jdk.compiler");
    /** Loaded by the native libraries of XGBoost (OpenMP) and PyTorch, not by the JRE itself. */
    static final List<String> NATIVE_LIBS = List.of(
            "libstdc++.so.6",
            "libgcc_s.so.1",
            "libgomp.so.1",
            "libz.so.1",
            "libpthread.so.0",
            "libdl.so.2",
            "librt.so.1",
            "libm.so.6",
            "libc.so.6");
    /** glibc's C.UTF-8 locale: without it the JVM falls back to ASCII and prints '?' for every other character. */
    static final Path LOCALE = Path.of("/usr/lib/locale/C.utf8");

    /** libgomp1: XGBoost's OpenMP, which debootstrap's minimal system lacks (a notebook could not train without it). */
    static final List<String> DEBIAN_PACKAGES = List.of("python3", "python3-venv", "ca-certificates", "libgomp1");

    private static final String BUSYBOX = "/bin/busybox";

    private final DockerEngine engine;
    private final Path work;
    private final String debianOverride;

    /**
     * @param work where rootfs folders are made ({@code .bighead/images})
     * @param debianOverride an image to use as the Debian base, or {@code null} to debootstrap one
     */
    public BaseImages(DockerEngine engine, Path work, String debianOverride) {
        this.engine = engine;
        this.work = work;
        this.debianOverride = debianOverride;
    }

    /** The JRE base image of JDK {@code major}, made if missing. */
    public String jre(int major, Consumer<String> progress) {
        Path jdk = Jdks.require(major);
        // the modules taken are MODULES less those this JDK lacks, which its release file determines: no need to
        // start its java (--list-modules) just to find an image that exists
        String hash = FileDigests.sha256(JRE_RECIPE + "\n" + read(jdk.resolve("release")) + "\n" + MODULES + "\n"
                        + digestOf(Path.of(BUSYBOX)) + "\n" + digestOf(libc()))
                .substring(0, 12);
        String reference = "bighead/jre:" + major + "-" + hash;
        if (engine.hasImage(reference)) {
            return reference;
        }
        progress.accept("making the JRE base image " + reference + " (jlink from " + jdk + ")...");
        List<String> modules = availableModules(jdk);
        Path dir = work.resolve("jre-" + major + "-" + hash);
        Path rootfs = dir.resolve("rootfs");
        try {
            deleteTree(dir);
            Files.createDirectories(rootfs.resolve("opt"));
            List<String> jlink = new ArrayList<>(List.of(
                    jdk.resolve("bin/jlink").toString(),
                    "--add-modules",
                    String.join(",", modules),
                    "--strip-debug",
                    "--no-man-pages",
                    "--no-header-files",
                    major >= 21 ? "--compress=zip-6" : "--compress=2",
                    "--output",
                    rootfs.resolve("opt/java").toString()));
            run(jlink, dir, "jlink");
            Path cacerts = rootfs.resolve("opt/java/lib/security/cacerts");
            if (Files.isSymbolicLink(cacerts)) {
                Path target = cacerts.toRealPath();
                Files.delete(cacerts);
                Files.copy(target, cacerts);
            }
            // a class-data archive of the JDK's own classes: faster starts in every container
            run(List.of(rootfs.resolve("opt/java/bin/java").toString(), "-Xshare:dump"), dir, "java -Xshare:dump");
            for (String lib : libraryClosure(rootfs.resolve("opt/java"))) {
                Path target = rootfs.resolve(lib.substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(Path.of(lib), target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.isDirectory(LOCALE)) {
                Path locales = Files.createDirectories(rootfs.resolve("usr/lib/locale"));
                run(List.of("cp", "-a", LOCALE.toString(), locales.toString()), dir, "copying the C.UTF-8 locale");
            }
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of(BUSYBOX), bin.resolve("busybox"));
            for (String applet : List.of(
                    "sh",
                    "ls",
                    "cat",
                    "echo",
                    "env",
                    "mkdir",
                    "rm",
                    "cp",
                    "mv",
                    "sleep",
                    "true",
                    "false",
                    "id",
                    "ps",
                    "grep",
                    "head",
                    "tail",
                    "wc",
                    "uname",
                    "hostname",
                    "date",
                    "du",
                    "df",
                    "find",
                    "nproc",
                    "free",
                    "wget",
                    "tar",
                    "gzip")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            Path etc = Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(
                    etc.resolve("passwd"),
                    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:" + "/nonexistent:/bin/false\n");
            Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
            Files.createDirectories(rootfs.resolve("root"));
            Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
            tmp.toFile().setWritable(true, false);
            Files.writeString(
                    dir.resolve("Dockerfile"),
                    "FROM scratch\nCOPY rootfs/ /\n"
                            + "RUN [\"/bin/busybox\", \"chmod\", \"1777\", \"/tmp\"]\n"
                            + "ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/bin LANG=C.UTF-8\n"
                            + "LABEL org.bighead.base=jre org.bighead.jdk=\"" + major + "\"\n"
                            + "CMD [\"java\", \"-version\"]\n");
            buildContext(dir, reference);
            deleteTree(dir);
            return reference;
        } catch (IOException e) {
            throw new ImageBuildException("could not make the JRE base image: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ImageBuildException("could not make the JRE base image " + reference + ": " + e.getMessage(), e);
        }
    }

    /** The Debian base image, made with debootstrap if missing (or the configured one). */
    public String debian(Consumer<String> progress) {
        if (debianOverride != null && !debianOverride.isBlank()) {
            if (!engine.hasImage(debianOverride)) {
                throw new ImageBuildException("the Debian base image " + debianOverride
                        + " (setting images.debian-base)" + " is not in the engine: pull it first");
            }
            return debianOverride;
        }
        String mirror = mirror();
        String hash = FileDigests.sha256(DEBIAN_RECIPE + "\nbookworm minbase " + DEBIAN_PACKAGES + " " + mirror)
                .substring(0, 12);
        String reference = "bighead/debian:bookworm-" + hash;
        if (engine.hasImage(reference)) {
            return reference;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/debootstrap"))) {
            throw new ImageBuildException("making the Debian base image needs Debian's debootstrap"
                    + " (./bighead engine start installs it), or name a base image with setting images.debian-base");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new ImageBuildException("debootstrap needs root: run this build once as root, or name a base image"
                    + " with setting images.debian-base");
        }
        progress.accept("making the Debian base image " + reference + " (debootstrap bookworm from " + mirror
                + ", about a minute)...");
        Path dir = work.resolve("debian-" + hash);
        Path rootfs = dir.resolve("rootfs");
        Path done = dir.resolve("rootfs.done");
        try {
            if (!Files.exists(done)) { // a rootfs made by an earlier, failed attempt is complete: keep it
                deleteTree(dir);
                Files.createDirectories(dir);
                run(
                        List.of(
                                "debootstrap",
                                "--variant=minbase",
                                "--include=" + String.join(",", DEBIAN_PACKAGES),
                                "bookworm",
                                rootfs.toString(),
                                mirror),
                        dir,
                        "debootstrap");
                run(
                        List.of(
                                "sh",
                                "-c",
                                "rm -rf " + rootfs + "/var/cache/apt/archives/*.deb " + rootfs
                                        + "/var/lib/apt/lists/*"),
                        dir,
                        "cleaning the rootfs");
                Files.writeString(done, "");
            }
            // ADD unpacks a local tar into the image, like `docker import` (whose streamed body docker-java's
            // transport cuts short: "unexpected EOF")
            Path context = Files.createDirectories(dir.resolve("context"));
            run(
                    List.of(
                            "tar",
                            "-C",
                            rootfs.toString(),
                            "--exclude=./dev/*",
                            "-cf",
                            context.resolve("rootfs.tar").toString(),
                            "."),
                    dir,
                    "tar");
            Files.writeString(
                    context.resolve("Dockerfile"),
                    "FROM scratch\nADD rootfs.tar /\n"
                            + "LABEL org.bighead.base=debian org.bighead.debian=bookworm\nCMD [\"bash\"]\n");
            buildContext(context, reference);
            deleteTree(dir);
            return reference;
        } catch (IOException e) {
            throw new ImageBuildException("could not make the Debian base image: " + e.getMessage(), e);
        }
    }

    private void buildContext(Path context, String reference) {
        try {
            engine.client()
                    .buildImageCmd(context.toFile())
                    .withTags(java.util.Set.of(reference))
                    .withNetworkMode("host")
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .start()
                    .awaitImageId(10, TimeUnit.MINUTES);
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            throw new ImageBuildException("the engine could not build " + reference + ": " + e.getMessage());
        }
    }

    /** The Debian mirror this machine's apt uses. */
    static String mirror() {
        List<Path> sources = new ArrayList<>();
        Path dir = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".sources")).sorted().forEach(sources::add);
            } catch (IOException e) {
                // fall through to sources.list
            }
        }
        for (Path file : sources) {
            for (String line : read(file).split("\n")) {
                if (line.startsWith("URIs:") && !line.contains("security")) {
                    return line.substring(5).strip().split("\\s+")[0];
                }
            }
        }
        for (String line : read(Path.of("/etc/apt/sources.list")).split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length > 2 && parts[0].equals("deb") && !line.contains("security")) {
                return parts[1].startsWith("[") ? parts[2] : parts[1];
            }
        }
        return "http://deb.debian.org/debian";
    }

    private static List<String> availableModules(Path jdk) {
        Path jmods = jdk.resolve("jmods");
        String listed = output(List.of(jdk.resolve("bin/java").toString(), "--list-modules"));
        TreeSet<String> present = new TreeSet<>();
        for (String line : listed.split("\n")) {
            if (!line.isBlank()) {
                present.add(line.split("@")[0].strip());
            }
        }
        List<String> modules = new ArrayList<>();
        for (String m : MODULES) {
            if (present.contains(m) && (!Files.isDirectory(jmods) || Files.exists(jmods.resolve(m + ".jmod")))) {
                modules.add(m);
            }
        }
        return modules;
    }

    /** The shared libraries the JRE and the native ML libraries need, from this machine, as absolute paths. */
    private static List<String> libraryClosure(Path javaHome) throws IOException {
        List<String> args = new ArrayList<>(List.of("ldd"));
        try (Stream<Path> files = Files.walk(javaHome)) {
            files.filter(p -> p.toString().endsWith(".so") || p.endsWith("bin/java"))
                    .map(Path::toString)
                    .forEach(args::add);
        }
        for (String lib : NATIVE_LIBS) {
            findLibrary(lib).ifPresent(args::add);
        }
        TreeSet<String> libs = new TreeSet<>();
        for (String line : output(args).split("\n")) {
            String l = line.strip();
            int arrow = l.indexOf("=> /");
            if (arrow >= 0) {
                libs.add(l.substring(arrow + 3).split("\\s+")[0]);
            } else if (l.startsWith("/") && l.contains("ld-linux")) {
                libs.add(l.split("\\s+")[0]);
            }
        }
        for (String lib : NATIVE_LIBS) {
            findLibrary(lib).ifPresent(libs::add);
        }
        libs.removeIf(l -> l.startsWith(javaHome.toString()));
        libs.add("/lib64/ld-linux-x86-64.so.2");
        List<String> real = new ArrayList<>();
        for (String l : libs) {
            if (Files.exists(Path.of(l), LinkOption.NOFOLLOW_LINKS) || Files.exists(Path.of(l))) {
                real.add(l);
            }
        }
        return real;
    }

    private static java.util.Optional<String> findLibrary(String name) {
        for (String dir : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64")) {
            Path p = Path.of(dir, name);
            if (Files.exists(p)) {
                return java.util.Optional.of(p.toString());
            }
        }
        return java.util.Optional.empty();
    }

    private static Path libc() {
        return Path.of(findLibrary("libc.so.6").orElse("/lib/x86_64-linux-gnu/libc.so.6"));
    }

    private static String digestOf(Path file) {
        return Files.exists(file) ? new FileDigests(null).sha256(file) : "absent";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void run(List<String> command, Path dir, String what) {
        try {
            Path log = dir.resolve(what.replaceAll("[^a-z]+", "-") + ".log");
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (p.waitFor() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new ImageBuildException(what + " failed: "
                        + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        } catch (IOException e) {
            throw new ImageBuildException(what + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException(what + " was interrupted");
        }
    }

    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
