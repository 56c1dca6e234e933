package org.bighead.kernel.jshell;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc of the classes on the cells' class path, read from their source: JShell reads Javadoc only from the JDK's
 * {@code src.zip}. A class in {@code NAME.jar} has its source in {@code NAME-sources.jar} beside it (how Maven
 * publishes sources, and how Bighead's own modules are built) or in a {@code sources/} folder beside it (how the
 * environment images carry them); a class in a {@code target/classes} folder has it in
 * {@code src/main/java}.
 */
final class SourceJavadoc {
    /** What a signature from JShell names: a class, and maybe a member of it with its parameter types. */
    record Target(String className, String member, List<String> parameterTypes) {}

    private final ClassLoader classes;
    // by source location, the last few (a parsed file keeps its compiler alive): inspecting a class's members reuses it
    private final Map<String, Optional<Parsed>> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Parsed>> eldest) {
            return size() > 16;
        }
    };

    private record Parsed(CompilationUnitTree unit, DocTrees docs) {}

    SourceJavadoc(ClassLoader classes) {
        this.classes = classes;
    }

    /**
     * The Javadoc comment (as written, without the leading {@code *}) of what {@code signature} names, looking the
     * class up as written, then in each of {@code packages} (the cell's imports), or empty.
     */
    Optional<String> javadoc(String signature, List<String> packages) {
        Target target = target(signature);
        List<String> candidates = new ArrayList<>();
        candidates.add(target.className());
        packages.forEach(p -> candidates.add(p + "." + target.className()));
        for (String candidate : candidates) {
            Optional<String> doc = located(candidate).flatMap(found -> find(found, target));
            if (doc.isPresent()) {
                return doc;
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a signature as JShell's analysis prints it: {@code "int a.b.C.max(int a, int b)"}, {@code "a.b.C(int
     * x)"} (a constructor), {@code "a.b.C.NAME:int"} (a field), {@code "a.b.C<T>"} (a class).
     */
    static Target target(String signature) {
        String s = signature.replaceFirst(" throws .*$", "");
        String plain = withoutGenerics(s);
        int open = plain.indexOf('(');
        if (open >= 0) {
            String head = plain.substring(0, open).strip();
            String name = head.substring(head.lastIndexOf(' ') + 1);
            List<String> params = new ArrayList<>();
            String inside = plain.substring(open + 1, plain.lastIndexOf(')')).strip();
            if (!inside.isEmpty()) {
                for (String p : inside.split(",")) {
                    String type = p.strip().split(" ")[0];
                    params.add(simpleType(type));
                }
            }
            boolean constructor = !head.contains(" ");
            if (constructor) {
                return new Target(name, "<init>", params);
            }
            int dot = name.lastIndexOf('.');
            return new Target(name.substring(0, Math.max(0, dot)), name.substring(dot + 1), params);
        }
        int colon = plain.lastIndexOf(':');
        String name = (colon >= 0 ? plain.substring(0, colon) : plain).strip();
        int dot = name.lastIndexOf('.');
        boolean member = colon >= 0 || (dot >= 0 && isConstant(name.substring(dot + 1)));
        return member
                ? new Target(name.substring(0, Math.max(0, dot)), name.substring(dot + 1), null)
                : new Target(name, null, null);
    }

    private static boolean isConstant(String name) {
        return name.length() > 1 && name.chars().noneMatch(Character::isLowerCase);
    }

    private static String withoutGenerics(String s) {
        String out = s;
        String before;
        do {
            before = out;
            out = out.replaceAll("<[^<>]*>", "");
        } while (!out.equals(before));
        return out;
    }

    /** {@code java.util.List} → {@code List}; varargs read as arrays, as in a parsed source. */
    private static String simpleType(String type) {
        String t = withoutGenerics(type).replace("...", "[]").strip();
        return t.substring(t.lastIndexOf('.') + 1);
    }

    /** The top-level class's source for a dotted name ({@code a.b.C.Inner}), and the nested names under it. */
    private record Located(URL source, List<String> nesting) {}

    private Optional<Located> located(String dotted) {
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String path = String.join("/", java.util.Arrays.copyOf(parts, i + 1));
            URL classFile = classes.getResource(path + ".class");
            if (classFile != null) {
                List<String> nesting = List.of(parts).subList(i, parts.length);
                return sourceOf(classFile, path + ".java").map(source -> new Located(source, nesting));
            }
        }
        return Optional.empty();
    }

    /** Where the source of a class file is: the {@code -sources.jar} beside its jar, or {@code src/main/java}. */
    private static Optional<URL> sourceOf(URL classFile, String sourceName) {
        try {
            if (classFile.getProtocol().equals("jar")) {
                URL jar = ((JarURLConnection) classFile.openConnection()).getJarFileURL();
                Optional<Path> found = sourcesJar(Path.of(jar.toURI()));
                if (found.isPresent()) {
                    Path sources = found.get();
                    try (JarFile file = new JarFile(sources.toFile())) {
                        ZipEntry entry = file.getEntry(sourceName);
                        if (entry != null) {
                            return Optional.of(URI.create("jar:" + sources.toUri() + "!/" + sourceName)
                                    .toURL());
                        }
                    }
                }
            } else if (classFile.getProtocol().equals("file")) {
                Path root = Path.of(classFile.toURI());
                for (int i = sourceName.split("/").length; i > 0; i--) {
                    root = root.getParent();
                }
                Path source = root.endsWith(Path.of("target", "classes"))
                        ? root.getParent().getParent().resolve("src/main/java").resolve(sourceName)
                        : root.resolve(sourceName);
                if (Files.isReadable(source)) {
                    return Optional.of(source.toUri().toURL());
                }
            }
        } catch (IOException | URISyntaxException | ClassCastException e) {
            return Optional.empty(); // no source to read: the signature alone is shown
        }
        return Optional.empty();
    }

    /**
     * {@code NAME-sources.jar} beside {@code NAME.jar} (a Maven build, a repository), else in a {@code sources/}
     * folder beside it (the environment images: a class path of {@code lib/bighead/*} would take in a sources jar
     * beside the jars, but no subfolder); empty when neither is there.
     */
    static Optional<Path> sourcesJar(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar");
        for (Path candidate :
                List.of(jar.resolveSibling(name), jar.resolveSibling("sources").resolve(name))) {
            if (Files.isReadable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Optional<String> find(Located found, Target target) {
        Optional<Parsed> source = parsed.computeIfAbsent(found.source().toString(), k -> parse(found.source()));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        CompilationUnitTree unit = source.get().unit();
        TreePath path = null;
        List<? extends Tree> members = unit.getTypeDecls();
        for (String name : found.nesting()) {
            Optional<? extends Tree> type = members.stream()
                    .filter(t -> t instanceof ClassTree c && c.getSimpleName().contentEquals(name))
                    .findFirst();
            if (type.isEmpty()) {
                return Optional.empty();
            }
            path = TreePath.getPath(unit, type.get());
            members = ((ClassTree) type.get()).getMembers();
        }
        if (path == null) {
            return Optional.empty();
        }
        if (target.member() != null) {
            Optional<? extends Tree> member = member(members, target);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            path = TreePath.getPath(unit, member.get());
        }
        return Optional.ofNullable(source.get().docs().getDocComment(path));
    }

    /** The member a target names: the method whose parameter types match, else the first of its name. */
    private static Optional<? extends Tree> member(List<? extends Tree> members, Target target) {
        Tree byName = null;
        for (Tree t : members) {
            if (t instanceof MethodTree m && m.getName().contentEquals(target.member())) {
                List<String> types = m.getParameters().stream()
                        .map(p -> simpleType(p.getType().toString()))
                        .toList();
                if (types.equals(target.parameterTypes())) {
                    return Optional.of(m);
                }
                byName = byName == null ? m : byName;
            } else if (t instanceof VariableTree v
                    && target.parameterTypes() == null
                    && v.getName().contentEquals(target.member())) {
                return Optional.of(v);
            }
        }
        return Optional.ofNullable(byName);
    }

    private static Optional<Parsed> parse(URL source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String text;
        try (InputStream in = source.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            SimpleJavaFileObject file =
                    new SimpleJavaFileObject( // a jar: URI has no path, which javac wants
                            URI.create("source:///" + source.getPath().replaceFirst("^.*!/|^/", "")),
                            javax.tools.JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return text;
                        }
                    };
            JavacTask task = (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(file));
            CompilationUnitTree unit = task.parse().iterator().next();
            return Optional.of(new Parsed(unit, DocTrees.instance(task)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
