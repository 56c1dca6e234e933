package org.bighead.productionize.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deployments running on this machine, one small JSON file each ({@code DIR/NAME.json}) beside the serving
 * process's log ({@code DIR/NAME.log}). Written through a temporary file and a rename, so a reader never sees half a
 * file. The folder is {@code $BIGHEAD_HOME/deployments} ({@code ~/.bighead/deployments}), the user's Bighead state.
 */
public final class DeploymentState {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public DeploymentState(Path dir) {
        this.dir = dir;
    }

    /** {@code $BIGHEAD_HOME/deployments}, {@code BIGHEAD_HOME} defaulting to {@code ~/.bighead}. */
    public static Path defaultDir(Map<String, String> env) {
        String home = env.get("BIGHEAD_HOME");
        Path base =
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".bighead") : Path.of(home);
        return base.resolve("deployments");
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name + ".json");
    }

    public Path logFile(String name) {
        return dir.resolve(name + ".log");
    }

    public void save(Deployment deployment) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + deployment.name() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), deployment);
            Files.move(
                    tmp, file(deployment.name()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file(deployment.name()) + ": " + e.getMessage(), e);
        }
    }

    public Optional<Deployment> find(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Deployment.class));
        } catch (IOException e) {
            throw new DeploymentException("the state file " + file + " is not readable (" + e.getMessage()
                    + "): remove it if nothing runs under that name");
        }
    }

    /** Every deployment with a state file, by name. */
    public List<Deployment> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Deployment> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(".json") && !file.startsWith(".")) {
                    find(file.substring(0, file.length() - ".json".length())).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes the state file (the log stays for {@code logs} until the name is used again). */
    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + file(name) + ": " + e.getMessage(), e);
        }
    }
}
