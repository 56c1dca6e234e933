package org.bighead.pipeline.bundle;

import java.util.Map;

/**
 * Defines the classes one bundle carries, and only those it declares: any other name goes to the parent (the JVM's
 * Bighead and libraries). One loader per bundle read, so a swapped-out version's classes are collected with it.
 */
final class BundleClassLoader extends ClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    BundleClassLoader(String bundle, Map<String, byte[]> classes, ClassLoader parent) {
        super("bundle " + bundle, parent);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        // The bundle's own classes first: the same names may exist in the loading JVM (a kernel reading its bundle).
        if (classes.containsKey(name)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes = classes.get(name);
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
        return super.loadClass(name, resolve);
    }
}
