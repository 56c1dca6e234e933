package org.bighead.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MavenResolve against the user's real settings and repositories where that is the point (gson from
 * ~/.m2 or Central), and against throw-away settings.xml files, local repositories and file:// remotes
 * everywhere else, so these tests never write failure markers into ~/.m2.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MavenResolveTest {

    private static final String CENTRAL = "central (https://repo.maven.apache.org/maven2/)";

    @TempDir
    Path tmp;

    @Test
    void gson_resolves_with_its_transitive_dependency_to_absolute_jar_paths() {
        List<String> files = MavenResolve.resolve(List.of("com.google.code.gson:gson:2.11.0"), Map.of());

        assertThat(files).hasSize(2).doesNotHaveDuplicates();
        assertThat(Paths.get(files.get(0)).getFileName()).hasToString("gson-2.11.0.jar");
        assertThat(files)
                .anySatisfy(f -> assertThat(Paths.get(f).getFileName().toString())
                        .startsWith("error_prone_annotations-")
                        .endsWith(".jar"));
        assertThat(files).allSatisfy(f -> {
            assertThat(Paths.get(f)).isAbsolute().isRegularFile();
        });
    }

    @Test
    void several_coordinates_resolve_together_without_duplicates() {
        List<String> files = MavenResolve.resolve(
                List.of("com.google.code.gson:gson:2.11.0", "com.google.code.gson:gson:jar:2.11.0"), Map.of());

        assertThat(files).doesNotHaveDuplicates();
        assertThat(files).filteredOn(f -> f.endsWith("gson-2.11.0.jar")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"com.google.code.gson:gson", "gson", "a:b:c:d:e:f", "a::1.0", "a b:c:1.0", ":a:1.0", "a:b:1.0:"})
    void a_malformed_coordinate_is_refused_by_name(String coordinate) {
        assertThatThrownBy(() -> MavenResolve.resolve(List.of("org.slf4j:slf4j-api:2.0.17", coordinate), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed Maven coordinate '" + coordinate + "': expected groupId:artifactId:version,"
                        + " groupId:artifactId:extension:version or groupId:artifactId:extension:classifier:version");
    }

    @Test
    void no_coordinates_and_bad_options_are_refused_with_a_reason() {
        assertThatThrownBy(() -> MavenResolve.resolve(List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no Maven coordinates given");
        assertThatThrownBy(() -> MavenResolve.resolve(List.of("a:b:1"), Map.of("ofline", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown resolver option 'ofline'");
        assertThatThrownBy(() -> MavenResolve.resolve(List.of("a:b:1"), Map.of("offline", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"true\" or \"false\"");
        Path missing = tmp.resolve("no-settings.xml");
        assertThatThrownBy(() -> MavenResolve.resolve(List.of("a:b:1"), Map.of("settings", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings file not found: " + missing);
        assertThatThrownBy(() -> MavenResolve.resolve(List.of("a:b:1"), Map.of("repositories", "just-a-url")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected id=url");
    }

    @Test
    void an_artifact_missing_from_central_is_reported_in_one_line() throws IOException {
        // Central only (an empty settings.xml), and a fresh local repository: nothing cached, nothing in ~/.m2 touched.
        Map<String, String> options = Map.of(
                "settings", settings("<settings/>").toString(),
                "localRepository", Files.createDirectories(tmp.resolve("repo")).toString());

        assertThatThrownBy(() -> MavenResolve.resolve(List.of("org.bighead.nonexistent:nope:1.0"), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot resolve org.bighead.nonexistent:nope:1.0: not found in " + CENTRAL);
    }

    @Test
    void a_mirror_in_settings_xml_is_honored() throws IOException {
        Path settings = settings("<settings><mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf>"
                + "<url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>");
        Map<String, String> options = Map.of(
                "settings", settings.toString(),
                "localRepository",
                        Files.createDirectories(tmp.resolve("empty-repo")).toString());

        assertThatThrownBy(() -> MavenResolve.resolve(List.of("org.slf4j:slf4j-api:2.0.17"), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "cannot resolve org.slf4j:slf4j-api:2.0.17: cannot download it from corp (http://127.0.0.1:9/maven2): ")
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining("\n");
    }

    @Test
    void offline_resolution_uses_the_local_repository_override() throws Exception {
        // slf4j-api 2.0.17 is on this test's class path, so its jar sits in the build's local repository.
        Path jar = Paths.get(org.slf4j.LoggerFactory.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path sourceRepo =
                jar.getParent().getParent().getParent().getParent().getParent(); // org/slf4j/slf4j-api/2.0.17/x.jar
        Path repo = Files.createDirectories(tmp.resolve("offline-repo"));
        copyWithParentPoms(sourceRepo, repo, "org.slf4j", "slf4j-api", "2.0.17");
        Files.copy(jar, repo.resolve("org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"));
        Map<String, String> options = Map.of(
                "settings", settings("<settings/>").toString(), "localRepository", repo.toString(), "offline", "true");

        List<String> files = MavenResolve.resolve(List.of("org.slf4j:slf4j-api:2.0.17"), options);

        assertThat(files)
                .containsExactly(repo.resolve("org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar")
                        .toString());

        // ...and offline really means offline: what the temp repository lacks is not downloaded.
        assertThatThrownBy(() -> MavenResolve.resolve(List.of("com.google.code.gson:gson:2.11.0"), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot resolve com.google.code.gson:gson:2.11.0: not in the local repository,"
                        + " and offline mode forbids downloading it from " + CENTRAL);
    }

    @Test
    void extra_repositories_are_searched_and_a_missing_transitive_dependency_is_named() throws IOException {
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        publish(remote, "org.bighead.demo", "lib", "1.0", "");
        publish(remote, "org.bighead.demo", "app", "1.0", dependency("org.bighead.demo", "lib", "1.0"));
        publish(remote, "org.bighead.demo", "broken", "1.0", dependency("org.bighead.demo", "gone", "1.0"));
        // Central is mirrored to an empty folder so that nothing here touches the network.
        Path nowhere = Files.createDirectories(tmp.resolve("nowhere"));
        Path settings = settings("<settings><mirrors><mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>"
                + nowhere.toUri() + "</url></mirror></mirrors></settings>");
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Map<String, String> options = Map.of(
                "settings",
                settings.toString(),
                "localRepository",
                repo.toString(),
                "repositories",
                "demo=" + remote.toUri());

        List<String> files = MavenResolve.resolve(List.of("org.bighead.demo:app:1.0"), options);

        assertThat(files)
                .containsExactly(
                        repo.resolve("org/bighead/demo/app/1.0/app-1.0.jar").toString(),
                        repo.resolve("org/bighead/demo/lib/1.0/lib-1.0.jar").toString());
        assertThatThrownBy(() -> MavenResolve.resolve(
                        List.of("org.bighead.demo:lib:1.0", "org.bighead.demo:broken:1.0"), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "cannot resolve org.bighead.demo:broken:1.0: its dependency org.bighead.demo:gone:1.0"
                                + " not found in no-central ("
                                + nowhere.toUri().toString().replaceAll("/$", ""))
                .hasMessageContaining("demo (" + remote.toUri().toString().replaceAll("/$", ""));
    }

    // ---------------------------------------------------------------- helpers

    private Path settings(String xml) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "settings", ".xml"), xml);
    }

    private static String dependency(String g, String a, String v) {
        return "<dependencies><dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
                + "</version></dependency></dependencies>";
    }

    /** Writes a POM and a one-entry jar in Maven layout, as a remote repository (or a local one) would hold them. */
    private static void publish(Path repo, String g, String a, String v, String dependencies) throws IOException {
        Path dir = Files.createDirectories(
                repo.resolve(g.replace('.', '/')).resolve(a).resolve(v));
        Files.writeString(
                dir.resolve(a + "-" + v + ".pom"),
                "<project><modelVersion>4.0.0</modelVersion><groupId>" + g + "</groupId><artifactId>" + a
                        + "</artifactId><version>" + v + "</version>" + dependencies + "</project>");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve(a + "-" + v + ".jar")))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static final Pattern PARENT = Pattern.compile(
            "<parent>.*?<groupId>(.*?)</groupId>.*?<artifactId>(.*?)</artifactId>.*?<version>(.*?)</version>.*?</parent>",
            Pattern.DOTALL);

    /** Copies a POM and the POMs of its parents (what Maven needs to read it) between local repositories. */
    private static void copyWithParentPoms(Path from, Path to, String g, String a, String v) throws IOException {
        Path relative = Paths.get(g.replace('.', '/'), a, v, a + "-" + v + ".pom");
        Path pom = from.resolve(relative);
        Files.createDirectories(to.resolve(relative).getParent());
        Files.copy(pom, to.resolve(relative));
        Matcher parent = PARENT.matcher(Files.readString(pom));
        if (parent.find()) {
            copyWithParentPoms(
                    from,
                    to,
                    parent.group(1).trim(),
                    parent.group(2).trim(),
                    parent.group(3).trim());
        }
    }
}
