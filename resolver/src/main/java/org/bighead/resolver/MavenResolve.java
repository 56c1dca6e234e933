package org.bighead.resolver;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtime;
import eu.maveniverse.maven.mima.runtime.standalonestatic.StandaloneStaticRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates, with their runtime dependencies, to files in the local repository.
 *
 * <p>This is the only entry point of {@code bighead-resolver}. Its signature uses JDK types only, so the
 * kernel can call it through a class loader that does not share any Maven, MIMA, gson or httpclient
 * class with the kernel or with notebook code. Settings come from {@code ~/.m2/settings.xml} (and the
 * global settings of a Maven installation, when {@code maven.home} or {@code MAVEN_HOME} names one):
 * local repository, mirrors, proxies, servers (credentials), active profiles and their repositories.
 *
 * <p>All coordinates of one call are resolved together, with Maven's "nearest wins" mediation, as if
 * they were the dependencies of one project.
 */
public final class MavenResolve {

    /** Option: path to a settings.xml used instead of {@code ~/.m2/settings.xml}. */
    public static final String SETTINGS = "settings";
    /** Option: path to the local repository, overriding settings.xml and {@code -Dmaven.repo.local}. */
    public static final String LOCAL_REPOSITORY = "localRepository";
    /** Option: {@code "true"} or {@code "false"}; default: settings.xml's {@code <offline>}. */
    public static final String OFFLINE = "offline";
    /**
     * Option: extra remote repositories, after those of settings.xml and Central, as comma-separated
     * {@code id=url} pairs. Mirrors, proxies and credentials of settings.xml apply to them.
     */
    public static final String REPOSITORIES = "repositories";

    private static final Set<String> OPTIONS = Set.of(SETTINGS, LOCAL_REPOSITORY, OFFLINE, REPOSITORIES);
    private static final Pattern PART = Pattern.compile("[^\\s:/\\\\]+");
    private static final String FORMS = "expected groupId:artifactId:version, groupId:artifactId:extension:version"
            + " or groupId:artifactId:extension:classifier:version";

    /** One runtime for the life of the class loader; every call builds its own Context from fresh settings. */
    private static final Runtime RUNTIME = new StandaloneStaticRuntime();
    /** One resolution at a time: MIMA's component memoization is not documented as thread-safe. */
    private static final Object LOCK = new Object();

    private MavenResolve() {}

    /**
     * Resolves {@code coordinates} and their runtime dependencies (compile and runtime scope, no optional
     * ones), downloading what the local repository lacks.
     *
     * @param coordinates {@code g:a:v}, {@code g:a:ext:v} or {@code g:a:ext:classifier:v}
     * @param options {@link #SETTINGS}, {@link #LOCAL_REPOSITORY}, {@link #OFFLINE}, {@link #REPOSITORIES};
     *     may be empty or null
     * @return absolute paths of the resolved files, requested artifacts first, in resolution order,
     *     without duplicates
     * @throws IllegalArgumentException with a one-line message naming the coordinate and the reason, for a
     *     malformed coordinate, a bad option or a resolution failure
     */
    public static List<String> resolve(List<String> coordinates, Map<String, String> options) {
        if (coordinates == null || coordinates.isEmpty()) {
            throw new IllegalArgumentException("no Maven coordinates given; " + FORMS);
        }
        Map<String, String> opts = options == null ? Map.of() : options;
        for (String key : opts.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown resolver option '" + key + "'; known: " + String.join(", ", new TreeSet<>(OPTIONS)));
            }
        }
        List<Artifact> roots = new ArrayList<>();
        Map<Artifact, String> asTyped = new LinkedHashMap<>();
        for (String coordinate : coordinates) {
            Artifact artifact = parse(coordinate);
            roots.add(artifact);
            asTyped.put(artifact, coordinate.trim());
        }
        ContextOverrides overrides = overrides(opts);
        List<RemoteRepository> extraRepositories = repositories(opts.get(REPOSITORIES));

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        synchronized (LOCK) {
            // Anything in Maven that looks up services through the context loader must see our jars.
            thread.setContextClassLoader(MavenResolve.class.getClassLoader());
            try (Context context = RUNTIME.create(overrides)) {
                List<RemoteRepository> repositories = new ArrayList<>(context.remoteRepositories());
                if (!extraRepositories.isEmpty()) {
                    repositories.addAll(context.repositorySystem()
                            .newResolutionRepositories(context.repositorySystemSession(), extraRepositories));
                }
                CollectRequest collect = new CollectRequest();
                for (Artifact root : roots) {
                    collect.addDependency(new Dependency(root, JavaScopes.RUNTIME));
                }
                collect.setRepositories(repositories);
                DependencyRequest request =
                        new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
                DependencyResult result;
                try {
                    result = context.repositorySystem().resolveDependencies(context.repositorySystemSession(), request);
                } catch (DependencyResolutionException e) {
                    throw failure(asTyped, e, repositories);
                }
                Set<String> files = new LinkedHashSet<>();
                for (ArtifactResult artifactResult : result.getArtifactResults()) {
                    Artifact resolved = artifactResult.getArtifact();
                    if (resolved != null && resolved.getFile() != null) {
                        files.add(resolved.getFile()
                                .getAbsoluteFile()
                                .toPath()
                                .normalize()
                                .toString());
                    }
                }
                return List.copyOf(files);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                // e.g. an unreadable settings.xml: MIMA wraps the SettingsBuildingException
                throw new IllegalArgumentException(
                        "cannot resolve " + String.join(", ", asTyped.values()) + ": " + oneLine(rootMessage(e)), e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    // ---------------------------------------------------------------- input

    static Artifact parse(String coordinate) {
        if (coordinate == null) {
            throw new IllegalArgumentException("malformed Maven coordinate null: " + FORMS);
        }
        String text = coordinate.trim();
        String[] parts = text.split(":", -1);
        boolean ok = parts.length >= 3 && parts.length <= 5;
        for (int i = 0; ok && i < parts.length; i++) {
            ok = PART.matcher(parts[i]).matches();
        }
        if (!ok) {
            throw new IllegalArgumentException("malformed Maven coordinate '" + coordinate + "': " + FORMS);
        }
        switch (parts.length) {
            case 3:
                return new DefaultArtifact(parts[0], parts[1], "jar", parts[2]);
            case 4:
                return new DefaultArtifact(parts[0], parts[1], parts[2], parts[3]);
            default:
                return new DefaultArtifact(parts[0], parts[1], parts[3], parts[2], parts[4]);
        }
    }

    private static ContextOverrides overrides(Map<String, String> opts) {
        ContextOverrides.Builder builder = ContextOverrides.create().withUserSettings(true);
        String settings = opts.get(SETTINGS);
        if (settings != null) {
            Path path = Paths.get(settings).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("settings file not found: " + path);
            }
            builder.withUserSettingsXmlOverride(path);
        }
        String local = opts.get(LOCAL_REPOSITORY);
        if (local != null) {
            if (local.isBlank()) {
                throw new IllegalArgumentException("option localRepository is empty");
            }
            builder.withLocalRepositoryOverride(Paths.get(local).toAbsolutePath());
        }
        String offline = opts.get(OFFLINE);
        if (offline != null) {
            String value = offline.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(
                        "option offline must be \"true\" or \"false\", not '" + offline + "'");
            }
            builder.offline(Boolean.valueOf(value));
        }
        return builder.build();
    }

    private static List<RemoteRepository> repositories(String spec) {
        List<RemoteRepository> list = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return list;
        }
        for (String entry : spec.split(",")) {
            String item = entry.trim();
            int eq = item.indexOf('=');
            String id = eq > 0 ? item.substring(0, eq).trim() : "";
            String url = eq > 0 ? item.substring(eq + 1).trim() : "";
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (id.isEmpty() || uri == null || uri.getScheme() == null) {
                throw new IllegalArgumentException(
                        "malformed repository '" + item + "' in option repositories: expected id=url");
            }
            list.add(new RemoteRepository.Builder(id, "default", url).build());
        }
        return list;
    }

    // ---------------------------------------------------------------- failures

    private static IllegalArgumentException failure(
            Map<Artifact, String> asTyped, DependencyResolutionException e, List<RemoteRepository> repositories) {
        // Gather every artifact-level failure: descriptor (POM) reads during collection, then file downloads.
        List<Exception> problems = new ArrayList<>();
        DependencyResult result = e.getResult();
        if (result != null) {
            problems.addAll(result.getCollectExceptions());
            for (ArtifactResult artifactResult : result.getArtifactResults()) {
                if (!artifactResult.isResolved()) {
                    problems.addAll(artifactResult.getExceptions());
                }
            }
        }
        if (problems.isEmpty() && e.getCause() instanceof DependencyCollectionException) {
            problems.addAll(
                    ((DependencyCollectionException) e.getCause()).getResult().getExceptions());
        }
        if (problems.isEmpty()) {
            problems.add(e);
        }
        // The same artifact often fails more than once (its POM while collecting, its jar while resolving,
        // once per repository): group the problems by artifact and explain the first artifact.
        Map<String, List<Exception>> byArtifact = new LinkedHashMap<>();
        for (Exception problem : problems) {
            Artifact a = failedArtifact(problem);
            String key = a == null
                    ? "problem@" + System.identityHashCode(problem)
                    : a.getGroupId() + ':' + a.getArtifactId() + ':' + a.getBaseVersion();
            byArtifact.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
        }
        List<Exception> firstGroup = byArtifact.values().iterator().next();
        Artifact failed = failedArtifact(firstGroup.get(0));
        DependencyNode graph = result == null ? null : result.getRoot();
        String coordinate = owner(asTyped, failed, graph);
        StringBuilder message =
                new StringBuilder("cannot resolve ").append(coordinate).append(": ");
        if (failed != null && !isRoot(asTyped, failed)) {
            message.append("its dependency ").append(shortId(failed)).append(' ');
        }
        message.append(reason(firstGroup, repositories));
        int others = byArtifact.size() - 1;
        if (others > 0) {
            message.append(" (and ")
                    .append(others)
                    .append(" more artifact")
                    .append(others > 1 ? "s" : "")
                    .append(" failed)");
        }
        return new IllegalArgumentException(oneLine(message.toString()), e);
    }

    /** The reason, without the coordinate: "not found in central (https://...)" etc. */
    private static String reason(List<Exception> problems, List<RemoteRepository> repositories) {
        List<ArtifactTransferException> transfers = new ArrayList<>();
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Exception problem : problems) {
            collectTransfers(problem, transfers, seen);
        }
        List<String> missingIn = new ArrayList<>();
        String transferError = null;
        for (ArtifactTransferException transfer : transfers) {
            if (String.valueOf(transfer.getMessage()).contains("in offline mode")) {
                return "not in the local repository, and offline mode forbids downloading it from "
                        + describe(transfer.getRepository());
            }
            if (!(transfer instanceof ArtifactNotFoundException)) {
                if (transferError == null) {
                    transferError = "cannot download it from " + describe(transfer.getRepository()) + ": "
                            + transferCause(transfer);
                }
                continue;
            }
            String where = describe(transfer.getRepository());
            if (!missingIn.contains(where)) {
                missingIn.add(where);
            }
        }
        if (transferError != null) {
            return missingIn.isEmpty()
                    ? transferError
                    : transferError + "; not found in " + String.join(", ", missingIn);
        }
        if (!missingIn.isEmpty()) {
            return "not found in " + String.join(", ", missingIn);
        }
        Exception problem = problems.get(0);
        if (problem instanceof ArtifactDescriptorException) {
            return "invalid POM: " + rootMessage(problem);
        }
        String searched = repositories.isEmpty() ? "" : " (searched " + describeAll(repositories) + ")";
        return rootMessage(problem) + searched;
    }

    private static void collectTransfers(
            Throwable t, List<ArtifactTransferException> out, IdentityHashMap<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return;
        }
        if (t instanceof ArtifactTransferException transfer) {
            out.add(transfer);
        }
        if (t instanceof ArtifactResolutionException resolution) {
            for (ArtifactResult r : resolution.getResults()) {
                for (Exception x : r.getExceptions()) {
                    collectTransfers(x, out, seen);
                }
            }
        }
        if (t instanceof ArtifactDescriptorException descriptor) {
            for (Exception x : descriptor.getResult().getExceptions()) {
                collectTransfers(x, out, seen);
            }
        }
        collectTransfers(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            collectTransfers(s, out, seen);
        }
    }

    private static Artifact failedArtifact(Throwable problem) {
        for (Throwable t = problem; t != null; t = t.getCause()) {
            if (t instanceof ArtifactDescriptorException) {
                return ((ArtifactDescriptorException) t).getResult().getArtifact();
            }
            if (t instanceof ArtifactResolutionException) {
                List<ArtifactResult> results = ((ArtifactResolutionException) t).getResults();
                for (ArtifactResult r : results) {
                    if (!r.isResolved() && r.getRequest() != null) {
                        return r.getRequest().getArtifact();
                    }
                }
            }
            if (t instanceof ArtifactTransferException) {
                return ((ArtifactTransferException) t).getArtifact();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The coordinate (as the user typed it) whose resolution needed {@code failed}. */
    private static String owner(Map<Artifact, String> asTyped, Artifact failed, DependencyNode graph) {
        if (asTyped.size() == 1) {
            return asTyped.values().iterator().next();
        }
        if (failed != null) {
            for (Map.Entry<Artifact, String> root : asTyped.entrySet()) {
                if (sameModule(root.getKey(), failed)) {
                    return root.getValue();
                }
            }
            if (graph != null) {
                for (DependencyNode child : graph.getChildren()) {
                    if (child.getArtifact() != null && contains(child, failed, new IdentityHashMap<>())) {
                        for (Map.Entry<Artifact, String> root : asTyped.entrySet()) {
                            if (sameModule(root.getKey(), child.getArtifact())) {
                                return root.getValue();
                            }
                        }
                    }
                }
            }
        }
        return String.join(", ", asTyped.values());
    }

    private static boolean contains(
            DependencyNode node, Artifact wanted, IdentityHashMap<DependencyNode, Boolean> seen) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return false;
        }
        if (node.getArtifact() != null
                && sameModule(node.getArtifact(), wanted)
                && node.getArtifact().getVersion().equals(wanted.getVersion())) {
            return true;
        }
        for (DependencyNode child : node.getChildren()) {
            if (contains(child, wanted, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot(Map<Artifact, String> asTyped, Artifact failed) {
        for (Artifact root : asTyped.keySet()) {
            if (sameModule(root, failed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameModule(Artifact a, Artifact b) {
        return a.getGroupId().equals(b.getGroupId()) && a.getArtifactId().equals(b.getArtifactId());
    }

    private static String shortId(Artifact a) {
        StringBuilder s = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId());
        if (!"jar".equals(a.getExtension()) || !a.getClassifier().isEmpty()) {
            s.append(':').append(a.getExtension());
            if (!a.getClassifier().isEmpty()) {
                s.append(':').append(a.getClassifier());
            }
        }
        return s.append(':').append(a.getVersion()).toString();
    }

    private static String describe(ArtifactRepository repository) {
        if (repository instanceof RemoteRepository remote) {
            return remote.getId() + " (" + remote.getUrl() + ")";
        }
        return repository == null ? "the configured repositories" : repository.getId();
    }

    private static String describeAll(Collection<RemoteRepository> repositories) {
        List<String> names = new ArrayList<>();
        for (RemoteRepository r : repositories) {
            names.add(describe(r));
        }
        return String.join(", ", names);
    }

    /** Why a download failed, from the transport: "Connect to host:port [...] failed: Connection refused". */
    private static String transferCause(ArtifactTransferException transfer) {
        Throwable cause = transfer.getCause();
        if (cause == null) {
            return oneLine(String.valueOf(transfer.getMessage()));
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? rootMessage(cause) : message;
    }

    /** The innermost useful message: connection errors say "Connection refused", not "Could not transfer". */
    private static String rootMessage(Throwable t) {
        Throwable deepest = t;
        String message = null;
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            deepest = c;
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        String type = deepest.getClass().getSimpleName();
        if (message == null) {
            return type;
        }
        boolean informativeType = deepest instanceof java.net.UnknownHostException
                || deepest instanceof java.net.SocketTimeoutException
                || deepest instanceof java.nio.file.NoSuchFileException
                || deepest instanceof java.nio.file.AccessDeniedException;
        return informativeType && !message.contains(type) ? type + ": " + message : message;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
