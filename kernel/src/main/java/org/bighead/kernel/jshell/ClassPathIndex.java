package org.bighead.kernel.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaFileObject;

/**
 * The kernel's jars as javac needs them: package name to class files. Built once, on its own thread from the moment
 * the kernel starts (one pass over each jar's central directory), so it is ready by the time JShell's first compile
 * asks. The first jar that has a class wins, as in the class loader; a multi-release jar shows this JDK's classes.
 */
final class ClassPathIndex implements AutoCloseable {
    private final List<Path> jars;
    private final List<Path> others;
    private final Set<String> entries;
    private final CompletableFuture<Map<String, List<JavaFileObject>>> packages;

    private ClassPathIndex(List<Path> jars, List<Path> others, Set<String> entries) {
        this.jars = jars;
        this.others = others;
        this.entries = entries;
        this.packages = CompletableFuture.supplyAsync(this::build);
    }

    /** Starts indexing the jars among {@code classPath}; other entries (folders) are left to javac's own search. */
    static ClassPathIndex start(Collection<String> classPath) {
        List<Path> jars = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String entry : classPath) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                jars.add(path);
                names.add(entry);
            } else {
                others.add(path);
            }
        }
        return new ClassPathIndex(List.copyOf(jars), List.copyOf(others), Set.copyOf(names));
    }

    /** The class-path entries that are not indexed (folders, missing files), for javac to search itself. */
    List<Path> others() {
        return others;
    }

    /** The indexed jars, in class-path order. */
    List<Path> jars() {
        return jars;
    }

    /** Whether {@code entry} (a class-path entry as written) is one of the indexed jars. */
    boolean covers(String entry) {
        return entries.contains(entry);
    }

    /** The class files of {@code packageName}, and of its subpackages when {@code recurse}. */
    List<JavaFileObject> classes(String packageName, boolean recurse) {
        Map<String, List<JavaFileObject>> index = packages.join();
        if (!recurse) {
            return new ArrayList<>(index.getOrDefault(packageName, List.of()));
        }
        List<JavaFileObject> found = new ArrayList<>();
        String prefix = packageName + ".";
        index.forEach((pkg, classes) -> {
            if (packageName.isEmpty() || pkg.equals(packageName) || pkg.startsWith(prefix)) {
                found.addAll(classes);
            }
        });
        return found;
    }

    private Map<String, List<JavaFileObject>> build() {
        Map<String, List<JavaFileObject>> index = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Path jar : jars) {
            try {
                JarFile file = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
                file.versionedStream().forEach(entry -> {
                    String name = entry.getName();
                    if (!name.endsWith(".class")
                            || name.startsWith("META-INF/")
                            || name.endsWith("module-info.class")
                            || !seen.add(name)) {
                        return;
                    }
                    int slash = name.lastIndexOf('/');
                    String pkg = slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
                    index.computeIfAbsent(pkg, p -> new ArrayList<>()).add(new JarClass(jar, file, entry));
                });
            } catch (IOException e) {
                // javac's own file manager skips an unreadable jar too; the class loader says more if a cell needs it
            }
        }
        return index;
    }

    @Override
    public void close() throws IOException {
        Set<ZipFile> files = new java.util.HashSet<>();
        packages.join().values().forEach(classes -> classes.forEach(c -> files.add(((JarClass) c).file)));
        for (ZipFile file : files) {
            file.close();
        }
    }

    /** One class file in one of the kernel's jars, read when javac asks for it (its URI made only if asked). */
    static final class JarClass implements JavaFileObject {
        private final Path jar;
        private final ZipFile file;
        private final ZipEntry entry;

        JarClass(Path jar, ZipFile file, ZipEntry entry) {
            this.jar = jar;
            this.file = file;
            this.entry = entry;
        }

        Path jar() {
            return jar;
        }

        String binaryName() {
            String name = entry.getName();
            return name.substring(0, name.length() - ".class".length()).replace('/', '.');
        }

        @Override
        public Kind getKind() {
            return Kind.CLASS;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            String name = entry.getName();
            return kind == Kind.CLASS
                    && (name.endsWith("/" + simpleName + ".class") || name.equals(simpleName + ".class"));
        }

        @Override
        public javax.lang.model.element.NestingKind getNestingKind() {
            return null;
        }

        @Override
        public javax.lang.model.element.Modifier getAccessLevel() {
            return null;
        }

        @Override
        public URI toUri() {
            return URI.create("jar:" + jar.toUri() + "!/" + entry.getName());
        }

        @Override
        public String getName() {
            return jar + "(" + entry.getName() + ")"; // javac's own spelling of a jar entry in messages
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return file.getInputStream(entry);
        }

        @Override
        public java.io.OutputStream openOutputStream() {
            throw new UnsupportedOperationException("a class path jar is read only");
        }

        @Override
        public java.io.Reader openReader(boolean ignoreEncodingErrors) {
            throw new UnsupportedOperationException("a class file has no characters");
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            throw new UnsupportedOperationException("a class file has no characters");
        }

        @Override
        public java.io.Writer openWriter() {
            throw new UnsupportedOperationException("a class path jar is read only");
        }

        @Override
        public long getLastModified() {
            return entry.getTime();
        }

        @Override
        public boolean delete() {
            return false;
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
