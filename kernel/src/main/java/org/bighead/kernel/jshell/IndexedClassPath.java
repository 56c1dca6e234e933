package org.bighead.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * javac's view of the kernel's own jars, answered from an index instead of a file-system walk. The standard file
 * manager opens every class-path jar as a zip file system and walks all of its entries on the first lookup (about
 * 30,000 entries for the kernel's 49 jars): a third of JShell's start-up, and hot code the JIT then compiles while
 * the first cell waits. Here one pass over each jar's central directory maps packages to class entries, and javac
 * reads a class only when it needs one ({@link ClassPathIndex}). Every kernel jar stays visible to cells; jars added
 * later ({@code %maven}, {@code %jars}) go to the standard file manager as before.
 */
final class IndexedClassPath extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {
    private final ClassPathIndex index;

    /** javac's file manager seeing {@code index}'s jars first, then what {@code standard} is given later. */
    IndexedClassPath(StandardJavaFileManager standard, ClassPathIndex index) {
        super(standard);
        this.index = index;
        try {
            // the standard manager keeps only what is not indexed: by default it would take all of java.class.path
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, index.others());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Iterable<JavaFileObject> list(
            Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse) throws IOException {
        Iterable<JavaFileObject> standard = fileManager.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)) {
            return standard;
        }
        List<JavaFileObject> found = index.classes(packageName, recurse);
        if (found.isEmpty()) {
            return standard;
        }
        standard.forEach(found::add);
        return found;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof ClassPathIndex.JarClass jarClass) {
            return jarClass.binaryName();
        }
        return fileManager.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof ClassPathIndex.JarClass || b instanceof ClassPathIndex.JarClass) {
            return a.equals(b);
        }
        return fileManager.isSameFile(a, b);
    }

    @Override
    public boolean contains(Location location, FileObject file) throws IOException {
        if (file instanceof ClassPathIndex.JarClass) {
            return location == StandardLocation.CLASS_PATH;
        }
        return fileManager.contains(location, file);
    }

    @Override
    public boolean hasLocation(Location location) {
        return location == StandardLocation.CLASS_PATH || fileManager.hasLocation(location);
    }

    /** JShell sets the whole class path again when a jar is added: the standard manager keeps the rest. */
    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (!isClassPathOption(current) || !remaining.hasNext()) {
            return fileManager.handleOption(current, remaining);
        }
        List<String> rest = new ArrayList<>();
        for (String entry : remaining.next().split(File.pathSeparator)) {
            if (!entry.isEmpty() && !index.covers(entry)) {
                rest.add(entry);
            }
        }
        return fileManager.handleOption(
                current, List.of(String.join(File.pathSeparator, rest)).iterator());
    }

    private static boolean isClassPathOption(String option) {
        return option.equals("-classpath") || option.equals("-cp") || option.equals("--class-path");
    }

    // StandardJavaFileManager: the indexed jars come first in javac's class path, as in the class loader's

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        Iterable<? extends File> standard = fileManager.getLocation(location);
        if (location != StandardLocation.CLASS_PATH) {
            return standard;
        }
        List<File> files = new ArrayList<>();
        index.jars().forEach(jar -> files.add(jar.toFile()));
        if (standard != null) {
            standard.forEach(files::add);
        }
        return files;
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        Iterable<? extends Path> standard = fileManager.getLocationAsPaths(location);
        if (location != StandardLocation.CLASS_PATH) {
            return standard;
        }
        List<Path> paths = new ArrayList<>(index.jars());
        if (standard != null) {
            standard.forEach(paths::add);
        }
        return paths;
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Path asPath(FileObject file) {
        if (file instanceof ClassPathIndex.JarClass jarClass) {
            return jarClass.jar();
        }
        return fileManager.asPath(file);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void close() throws IOException {
        index.close();
        fileManager.close();
    }
}
