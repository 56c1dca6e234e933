package org.bighead.kernel.jshell;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads the classes JShell compiles from cells, and jars added with {@code %maven}/{@code %classpath}, in one
 * growing class loader whose parent is the kernel's: cells see the Bighead API and everything the kernel ships.
 * Each class compiled from a cell is defined with stop checks woven in ({@link StopCheckWeaver}), so an interrupt
 * can end it; classes from jars are defined as they are.
 */
final class SnippetLoader implements LoaderDelegate {
    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
    private final Set<String> kernelClasspath;
    private final Loader loader;
    private static volatile boolean weaveFailed;

    /** The loader cells run in. */
    final class Loader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        Loader(ClassLoader parent) {
            super("bighead-cells", new URL[0], parent);
        }

        void add(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = bytecodes.get(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            byte[] woven = weave(name, bytes);
            return defineClass(name, woven, 0, woven.length, (CodeSource) null);
        }
    }

    private static byte[] weave(String name, byte[] bytes) {
        try {
            return StopCheckWeaver.weave(bytes);
        } catch (RuntimeException e) {
            // e.g. a class file version newer than this ASM reads: the cell runs, but only blocking calls stop
            if (!weaveFailed) {
                weaveFailed = true;
                System.err.println("note: an interrupt cannot stop loops in cells on this JDK (cannot rewrite " + name
                        + ": " + e.getMessage() + "); it still stops sleeping and waiting");
            }
            return bytes;
        }
    }

    SnippetLoader(ClassLoader parent, Set<String> kernelClasspath) {
        this.loader = new Loader(parent);
        this.kernelClasspath = kernelClasspath;
    }

    ClassLoader classLoader() {
        return loader;
    }

    /** The bytecode JShell compiled for a cell's class (before stop checks are woven in); null for other names. */
    byte[] bytecode(String name) {
        return bytecodes.get(name);
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
        for (int i = 0; i < classes.length; i++) {
            try {
                loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
                installed[i] = true;
            } catch (Throwable e) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isBlank() || kernelClasspath.contains(entry)) {
                continue; // already visible through the parent loader
            }
            try {
                loader.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("bad class path entry " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = loaded.get(name);
        if (c == null) {
            throw new ClassNotFoundException(name);
        }
        return c;
    }
}
