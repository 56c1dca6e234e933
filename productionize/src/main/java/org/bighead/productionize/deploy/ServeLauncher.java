package org.bighead.productionize.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How this machine starts {@code bighead serve}: from a checkout, its {@code ./bighead serve} (the build, the class
 * path and the class-data archive of {@code scripts/launch.sh}); inside an environment's image, where there is no
 * checkout, the image's launcher {@code /opt/bighead/bin/bighead-serve}, else {@code java} on the image's class path.
 *
 * @param prefix the command before serve's own arguments
 */
public record ServeLauncher(List<String> prefix) {
    /** Where an environment's image keeps its class path ({@code ImageSpecs.LIB}). */
    public static final String LIB = "/opt/bighead/lib";

    static final String IMAGE_LAUNCHER = "/opt/bighead/bin/bighead-serve";
    static final String MAIN = "org.bighead.serving.ServeMain";

    public ServeLauncher {
        prefix = List.copyOf(prefix);
    }

    /**
     * The launcher of this machine.
     *
     * @param env the process's environment ({@code BIGHEAD_ROOT})
     * @param rootProperty the system property {@code bighead.root}, or {@code null}
     * @param exists whether a file exists (a predicate, so the choice is tested without a file system)
     * @param java this JVM's {@code java}
     */
    public static ServeLauncher find(
            Map<String, String> env, String rootProperty, Predicate<Path> exists, String java) {
        for (String root : new String[] {env.get("BIGHEAD_ROOT"), rootProperty}) {
            if (root != null && !root.isBlank() && exists.test(Path.of(root, "bighead"))) {
                return new ServeLauncher(List.of(Path.of(root, "bighead").toString(), "serve"));
            }
        }
        if (exists.test(Path.of(IMAGE_LAUNCHER))) {
            return new ServeLauncher(List.of(IMAGE_LAUNCHER));
        }
        if (exists.test(Path.of(LIB))) {
            String lib = LIB;
            return new ServeLauncher(List.of(
                    java,
                    "-Dai.djl.offline=true",
                    "-cp",
                    lib + "/user/*:" + lib + "/bighead/*:" + lib + "/deps/*",
                    MAIN));
        }
        throw new DeploymentException("cannot find how to start bighead serve here: set BIGHEAD_ROOT to a Bighead"
                + " checkout, or run inside an environment's image (" + LIB + ")");
    }

    /** The launcher of this process (its environment, {@code -Dbighead.root}, the java running it). */
    public static ServeLauncher ofThisProcess() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return find(System.getenv(), System.getProperty("bighead.root"), Files::exists, java);
    }

    /** The command serving {@code modelRef} from {@code registry} on 127.0.0.1:{@code port}. */
    public List<String> command(String modelRef, int port, String registry) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(modelRef, "--port", Integer.toString(port), "--registry", registry));
        return List.copyOf(command);
    }
}
