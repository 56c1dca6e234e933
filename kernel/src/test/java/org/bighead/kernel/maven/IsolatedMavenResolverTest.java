package org.bighead.kernel.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's %maven resolver, loaded from resolver/target/lib (surefire passes -Dbighead.resolver.lib).
 * Run the build with {@code mvn verify} (or at least {@code package} for the resolver module) so that folder exists.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IsolatedMavenResolverTest {

    private static IsolatedMavenResolver resolver;

    @BeforeAll
    static void loadTheResolver() {
        assertThat(System.getProperty(IsolatedMavenResolver.LIB_PROPERTY))
                .as("surefire must set -D%s to resolver/target/lib", IsolatedMavenResolver.LIB_PROPERTY)
                .isNotBlank();
        resolver = IsolatedMavenResolver.fromSystemProperty();
    }

    @AfterAll
    static void closeTheResolver() throws Exception {
        resolver.close();
    }

    @Test
    void resolving_gson_returns_its_jar_and_its_dependency() {
        List<Path> files = resolver.resolve(List.of("com.google.code.gson:gson:2.11.0"));

        assertThat(files.get(0).getFileName()).hasToString("gson-2.11.0.jar");
        assertThat(files)
                .hasSizeGreaterThanOrEqualTo(2)
                .doesNotHaveDuplicates()
                .allSatisfy(f -> assertThat(f).isAbsolute().isRegularFile());
        assertThat(files)
                .anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("error_prone_annotations-"));
    }

    @Test
    void the_isolated_loader_sees_neither_kernel_nor_test_classes() {
        ClassLoader isolated = resolver.loader();

        assertThat(isolated.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
        for (String name : List.of(
                IsolatedMavenResolver.class.getName(),
                IsolatedMavenResolverTest.class.getName(),
                "org.junit.jupiter.api.Test",
                "org.assertj.core.api.Assertions")) {
            assertThatThrownBy(() -> Class.forName(name, false, isolated))
                    .as(name)
                    .isInstanceOf(ClassNotFoundException.class);
        }
        // while the JDK itself stays visible (java.sql lives in the platform loader)
        assertThat(loads("java.sql.Connection", isolated)).isTrue();
    }

    @Test
    void maven_resolver_classes_stay_inside_the_isolated_loader() throws Exception {
        ClassLoader ours = IsolatedMavenResolverTest.class.getClassLoader();
        ClassLoader isolated = resolver.loader();

        for (String name : List.of(
                "org.eclipse.aether.RepositorySystem",
                "eu.maveniverse.maven.mima.context.Context",
                "org.apache.maven.settings.Settings",
                "org.bighead.resolver.MavenResolve")) {
            assertThat(loads(name, ours)).as("%s visible to the kernel", name).isFalse();
            assertThat(Class.forName(name, false, isolated).getClassLoader())
                    .as(name)
                    .isSameAs(isolated);
        }
        // gson and httpclient may well be on the kernel class path too (DJL brings gson): the resolver has its own
        for (String name : List.of("com.google.gson.Gson", "org.apache.http.client.HttpClient")) {
            assertThat(Class.forName(name, false, isolated).getClassLoader())
                    .as(name)
                    .isSameAs(isolated);
        }
    }

    @Test
    void a_resolution_failure_arrives_as_a_plain_IllegalArgumentException_with_the_resolver_message() {
        assertThatThrownBy(() -> resolver.resolve(List.of("com.google.code.gson:gson")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "malformed Maven coordinate 'com.google.code.gson:gson': expected groupId:artifactId:version")
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName())
                        .isEqualTo(IsolatedMavenResolver.class.getName()));
        assertThatThrownBy(() -> resolver.resolve(List.of("org.slf4j:slf4j-api:2.0.17"), Map.of("offline", "maybe")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offline");
    }

    @Test
    void options_reach_the_resolver(@TempDir Path tmp) throws Exception {
        Path settings = Files.writeString(tmp.resolve("settings.xml"), "<settings/>");
        Path emptyRepo = Files.createDirectories(tmp.resolve("repo"));

        assertThatThrownBy(() -> resolver.resolve(
                        List.of("com.google.code.gson:gson:2.11.0"),
                        Map.of(
                                "settings",
                                settings.toString(),
                                "localRepository",
                                emptyRepo.toString(),
                                "offline",
                                "true")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot resolve com.google.code.gson:gson:2.11.0: not in the local repository, and offline"
                        + " mode forbids downloading it from central (https://repo.maven.apache.org/maven2/)");
    }

    @Test
    void resolveNew_leaves_out_jars_already_on_the_class_path() {
        List<Path> all = resolver.resolve(List.of("com.google.code.gson:gson:2.11.0"));
        Path gson = all.get(0);
        // the kernel may have recorded it in another spelling of the same path
        Path sameGson = gson.getParent()
                .resolve("..")
                .resolve(gson.getParent().getFileName())
                .resolve(gson.getFileName());

        List<Path> fresh = resolver.resolveNew(List.of("com.google.code.gson:gson:2.11.0"), Map.of(), Set.of(sameGson));

        assertThat(fresh).isEqualTo(all.subList(1, all.size()));
        assertThat(IsolatedMavenResolver.distinct(List.of(gson, sameGson, Paths.get("x.jar"), gson)))
                .containsExactly(gson, Paths.get("x.jar").toAbsolutePath());
    }

    @Test
    void the_loader_is_created_once_even_under_concurrent_first_use() throws Exception {
        IsolatedMavenResolver fresh = new IsolatedMavenResolver(resolver.libDir());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ClassLoader>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(fresh::loader);
            }
            List<ClassLoader> loaders = new ArrayList<>();
            for (Future<ClassLoader> f : pool.invokeAll(tasks)) {
                loaders.add(f.get());
            }
            assertThat(loaders).allSatisfy(l -> assertThat(l).isSameAs(loaders.get(0)));
            assertThat(fresh.resolve(List.of("com.google.code.gson:gson:2.11.0")))
                    .isNotEmpty();
        } finally {
            pool.shutdownNow();
            fresh.close();
        }
        assertThatThrownBy(() -> fresh.resolve(List.of("com.google.code.gson:gson:2.11.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void a_missing_or_unset_resolver_folder_is_reported_clearly(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> IsolatedMavenResolver.fromLibProperty(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("system property bighead.resolver.lib is not set");
        Path missing = tmp.resolve("no-such-lib");
        assertThatThrownBy(() -> IsolatedMavenResolver.fromLibProperty(missing.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing + " (bighead.resolver.lib) does not exist");
        Path empty = Files.createDirectories(tmp.resolve("empty-lib"));
        assertThatThrownBy(() -> IsolatedMavenResolver.fromLibProperty(empty.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no jars");
        // a folder of jars without the entry class fails at first use, naming what is missing
        Path wrong = Files.createDirectories(tmp.resolve("wrong-lib"));
        Path gson =
                resolver.resolve(List.of("com.google.code.gson:gson:2.11.0")).get(0);
        Files.copy(gson, wrong.resolve(gson.getFileName()));
        try (IsolatedMavenResolver bad = IsolatedMavenResolver.fromLibProperty(wrong.toString())) {
            assertThatThrownBy(() -> bad.resolve(List.of("a:b:1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no org.bighead.resolver.MavenResolve in the resolver jars of " + wrong);
        }
    }

    private static boolean loads(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
