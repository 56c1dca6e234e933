package org.bighead.kernel.maven;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Resolves Maven coordinates for {@code %maven} with {@code bighead-resolver} (MIMA / Maven Resolver), loaded
 * from its own folder of jars in a class loader whose parent is the platform class loader.
 *
 * <p>Why: notebook code sees the kernel class path first. MIMA brings gson, httpclient, commons-codec and
 * Maven's own libraries; on the kernel class path they would shadow whatever versions the user asks for.
 * Here nothing of the kernel reaches the resolver and nothing of the resolver reaches the kernel: the two
 * talk through one static method with JDK types only ({@code List<String>}, {@code Map<String,String>}).
 *
 * <p>Thread-safe. The class loader is created on first use, once; {@link #close()} releases its jar files.
 */
public final class IsolatedMavenResolver implements AutoCloseable {

    /** System property naming the folder of resolver jars ({@code resolver/target/lib} in a build). */
    public static final String LIB_PROPERTY = "bighead.resolver.lib";

    static final String ENTRY_CLASS = "org.bighead.resolver.MavenResolve";
    private static final MethodType ENTRY_TYPE = MethodType.methodType(List.class, List.class, Map.class);

    private final Path libDir;
    private final Object lock = new Object();
    private volatile Loaded loaded;
    private boolean closed; // guarded by lock

    private static final class Loaded {
        final URLClassLoader loader;
        final MethodHandle resolve;

        Loaded(URLClassLoader loader, MethodHandle resolve) {
            this.loader = loader;
            this.resolve = resolve;
        }
    }

    /** A resolver over the jars in {@code libDir}; nothing is read until the first resolution. */
    public IsolatedMavenResolver(Path libDir) {
        this.libDir = Objects.requireNonNull(libDir, "libDir").toAbsolutePath().normalize();
    }

    /**
     * A resolver over the folder named by {@code -Dbighead.resolver.lib=...}.
     *
     * @throws IllegalStateException if the property is unset or names no folder of jars
     */
    public static IsolatedMavenResolver fromSystemProperty() {
        return fromLibProperty(System.getProperty(LIB_PROPERTY));
    }

    static IsolatedMavenResolver fromLibProperty(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + LIB_PROPERTY
                    + " is not set; start the kernel with -D" + LIB_PROPERTY
                    + "=<folder of bighead-resolver jars> (resolver/target/lib after mvn package)");
        }
        Path dir = Paths.get(value.trim()).toAbsolutePath().normalize();
        checkLibDir(dir);
        return new IsolatedMavenResolver(dir);
    }

    /** The folder of resolver jars this resolver loads. */
    public Path libDir() {
        return libDir;
    }

    /** {@link #resolve(List, Map)} with the user's settings.xml and no overrides. */
    public List<Path> resolve(List<String> coordinates) {
        return resolve(coordinates, Map.of());
    }

    /**
     * Resolves {@code coordinates} ({@code g:a:v}, {@code g:a:ext:v}, {@code g:a:ext:classifier:v}) with their
     * runtime dependencies.
     *
     * @param options {@code settings} (path of a settings.xml to use instead of ~/.m2/settings.xml),
     *     {@code localRepository} (path), {@code offline} ({@code "true"}/{@code "false"}),
     *     {@code repositories} (extra remotes, {@code id=url,id=url})
     * @return absolute, normalized paths of the resolved files, requested artifacts first, without duplicates
     * @throws IllegalArgumentException for a malformed coordinate or option, or when resolution fails; the
     *     message is one line naming the coordinate and the reason
     * @throws IllegalStateException when the resolver jars cannot be loaded
     */
    public List<Path> resolve(List<String> coordinates, Map<String, String> options) {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(options, "options");
        // Copies: the resolver must only ever see JDK collections, whatever the caller passes.
        List<String> coords = List.copyOf(coordinates);
        Map<String, String> opts = Map.copyOf(options);
        MethodHandle entry = loaded().resolve;
        Object result;
        try {
            result = entry.invoke(coords, opts);
        } catch (Throwable thrown) {
            throw rethrow(thrown);
        }
        return distinct(toPaths(result));
    }

    /**
     * Resolves like {@link #resolve(List, Map)} and returns only the files not in {@code alreadyAdded} (compared as
     * absolute normalized paths), for a kernel that keeps the set of jars it has put on the class path.
     * {@code alreadyAdded} is not modified.
     */
    public List<Path> resolveNew(List<String> coordinates, Map<String, String> options, Collection<Path> alreadyAdded) {
        Set<Path> known = new HashSet<>();
        for (Path p : alreadyAdded) {
            known.add(p.toAbsolutePath().normalize());
        }
        List<Path> fresh = new ArrayList<>();
        for (Path p : resolve(coordinates, options)) {
            if (!known.contains(p)) {
                fresh.add(p);
            }
        }
        return List.copyOf(fresh);
    }

    /** Absolute normalized paths, first occurrence kept, order preserved. */
    public static List<Path> distinct(Collection<Path> paths) {
        Set<Path> seen = new LinkedHashSet<>();
        for (Path p : paths) {
            seen.add(p.toAbsolutePath().normalize());
        }
        return List.copyOf(seen);
    }

    /** Releases the resolver's jar files. Later calls to {@code resolve} fail; do not close during a resolution. */
    @Override
    public void close() throws IOException {
        Loaded current;
        synchronized (lock) {
            closed = true;
            current = loaded;
            loaded = null;
        }
        if (current != null) {
            current.loader.close();
        }
    }

    /** The isolated class loader, created if needed (for tests and diagnostics). */
    ClassLoader loader() {
        return loaded().loader;
    }

    // ---------------------------------------------------------------- internals

    private Loaded loaded() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Maven resolver has been closed");
            }
            if (loaded == null) {
                loaded = load();
            }
            return loaded;
        }
    }

    private Loaded load() {
        List<Path> jars = checkLibDir(libDir);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("cannot use resolver jar " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        URLClassLoader loader = new URLClassLoader("bighead-resolver", urls, ClassLoader.getPlatformClassLoader());
        try {
            Class<?> entry = Class.forName(ENTRY_CLASS, true, loader);
            MethodHandle resolve = MethodHandles.publicLookup().findStatic(entry, "resolve", ENTRY_TYPE);
            return new Loaded(loader, resolve);
        } catch (ClassNotFoundException e) {
            closeQuietly(loader);
            throw new IllegalStateException(
                    "no " + ENTRY_CLASS + " in the resolver jars of " + libDir + "; is bighead-resolver-*.jar there?",
                    e);
        } catch (NoSuchMethodException | IllegalAccessException | LinkageError e) {
            closeQuietly(loader);
            throw new IllegalStateException("the resolver jars in " + libDir + " do not match this kernel: " + e, e);
        }
    }

    /** The jars of {@code dir}, sorted by name; fails clearly if there are none. */
    private static List<Path> checkLibDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the resolver folder " + dir + " (" + LIB_PROPERTY
                    + ") does not exist; build it with mvn package (it is resolver/target/lib)");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the resolver folder " + dir + ": " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("the resolver folder " + dir + " (" + LIB_PROPERTY
                    + ") holds no jars; build it with mvn package (it is resolver/target/lib)");
        }
        return jars;
    }

    private static List<Path> toPaths(Object result) {
        if (!(result instanceof List<?>)) {
            throw new IllegalStateException("the resolver returned " + result + " instead of a list of paths");
        }
        List<Path> paths = new ArrayList<>();
        for (Object item : (List<?>) result) {
            paths.add(Paths.get((String) item));
        }
        return paths;
    }

    /**
     * Turns what crossed the loader boundary into the kernel's own exceptions. A MethodHandle throws the
     * target's exception as is; a reflective call would wrap it, so wrappers are peeled off either way.
     */
    private static RuntimeException rethrow(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException) {
            // Same message, thrown from here; the resolver's exception (and its Maven causes) stays as the cause.
            return new IllegalArgumentException(t.getMessage(), t);
        }
        if (t instanceof Error && !(t instanceof LinkageError)) {
            throw (Error) t; // OutOfMemoryError and the like are not ours to translate
        }
        return new IllegalStateException("the Maven resolver failed unexpectedly: " + t, t);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }
}
