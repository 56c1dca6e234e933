package org.bighead.pipeline.bundle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where the bytecode of classes written in notebook cells comes from. The Bighead kernel installs its source (JShell
 * hands it every class it compiles) so that a saved pipeline can carry the code of its custom stages: another JVM
 * (serving, batch scoring) has no class for them otherwise. Outside a kernel nothing is installed and bundles carry
 * no code.
 */
public final class NotebookCode {
    private record Source(ClassLoader loader, Function<String, byte[]> bytecode) {}

    private static volatile Source source;

    private NotebookCode() {}

    /**
     * Installs the notebook's classes: those defined by {@code loader}, whose original bytecode (as compiled, before
     * any instrumentation) {@code bytecode} returns by binary name, or null for classes that are not the notebook's.
     */
    public static void install(ClassLoader loader, Function<String, byte[]> bytecode) {
        source = new Source(loader, bytecode);
    }

    /**
     * The class loader a bundle's carried code loads under in this JVM: the notebook's (which also sees the jars the
     * session added with {@code %maven} and {@code %jars}) in a kernel, else {@code fallback}.
     */
    static ClassLoader parentFor(ClassLoader fallback) {
        Source s = source;
        return s != null && s.loader() != null ? s.loader() : fallback;
    }

    /**
     * Whether every class in {@code classes} is this session's own, byte for byte: code already running here, so a
     * bundle carrying only that is read with the session's classes (a notebook saving and loading its own model).
     */
    static boolean allOwn(Map<String, byte[]> classes) {
        Source s = source;
        if (s == null || classes.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            byte[] own = s.bytecode().apply(c.getKey());
            if (own == null || !java.util.Arrays.equals(own, c.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code type} was written in a notebook cell of this session. */
    public static boolean isNotebookClass(Class<?> type) {
        Source s = source;
        return s != null && type.getClassLoader() == s.loader() && s.bytecode().apply(type.getName()) != null;
    }

    /**
     * The bytecode of {@code type} and of every notebook class it needs, transitively, by binary name; empty when
     * {@code type} is not a notebook class.
     */
    public static Map<String, byte[]> closure(Class<?> type) {
        Map<String, byte[]> classes = new TreeMap<>();
        Source s = source;
        if (!isNotebookClass(type)) {
            return classes;
        }
        Deque<String> pending = new ArrayDeque<>();
        pending.add(type.getName());
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (classes.containsKey(name)) {
                continue;
            }
            byte[] bytes = s.bytecode().apply(name);
            if (bytes == null) {
                continue; // a class of the JDK, Bighead or a jar: the loading JVM has its own
            }
            classes.put(name, bytes);
            for (String referenced : ClassFileNames.referenced(bytes)) {
                if (!classes.containsKey(referenced)) {
                    pending.add(referenced);
                }
            }
        }
        return classes;
    }
}
