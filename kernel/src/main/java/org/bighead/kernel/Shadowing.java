package org.bighead.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Cells load classes parent-first: where the kernel itself ships a package (Jackson, Gson through DJL, Tablesaw),
 * its copy wins over a jar added with %maven. Say so, rather than let a user debug the wrong version.
 */
final class Shadowing {
    private static final int PACKAGES_CHECKED = 5;

    private Shadowing() {}

    static void warnIfShadowed(Path jar, ClassLoader kernel, PrintStream err) {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return;
        }
        Set<String> packages = new LinkedHashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements() && packages.size() < PACKAGES_CHECKED) {
                String name = entries.nextElement().getName();
                int slash = name.lastIndexOf('/');
                if (!name.endsWith(".class")
                        || name.startsWith("META-INF/")
                        || slash < 0
                        || name.endsWith("module-info.class")
                        || !packages.add(name.substring(0, slash))) {
                    continue;
                }
                URL kernelCopy = kernel.getResource(name);
                if (kernelCopy != null
                        && !kernelCopy.toString().contains(jar.getFileName().toString())) {
                    err.println("warning: " + jar.getFileName() + ": the kernel already provides "
                            + name.substring(0, slash).replace('/', '.') + " (from " + source(kernelCopy)
                            + "); cells use the kernel's copy of those classes");
                    return;
                }
            }
        } catch (IOException e) {
            err.println("warning: cannot read " + jar + ": " + e.getMessage());
        }
    }

    private static String source(URL url) {
        String s = url.toString();
        int bang = s.indexOf("!/");
        String path = bang > 0 ? s.substring(0, bang) : s;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
