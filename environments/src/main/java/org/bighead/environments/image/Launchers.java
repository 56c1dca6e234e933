package org.bighead.environments.image;

import java.util.List;

/**
 * The commands every image carries in {@code /opt/bighead/bin}, as POSIX sh (the runtime image's shell is busybox):
 * the same JVM options as {@code scripts/launch.sh} gives Bighead's commands on a workstation.
 */
final class Launchers {
    static final String CLASS_PATH =
            ImageSpecs.LIB + "/user/*:" + ImageSpecs.LIB + "/bighead/*:" + ImageSpecs.LIB + "/deps/*";

    private Launchers() {}

    static List<ContextFile> scripts(String dir, int jdk) {
        String unsafe = jdk >= 24 ? " --sun-misc-unsafe-memory-access=allow" : "";
        return List.of(
                ContextFile.text(
                        dir + "bighead-java",
                        "#!/bin/sh\n"
                                + "# java on Bighead's class path with the options of scripts/launch.sh:"
                                + " bighead-java MAIN ARGS...\n"
                                + "exec java -Dai.djl.offline=true --enable-native-access=ALL-UNNAMED" + unsafe
                                + " $BIGHEAD_JAVA_OPTS -cp '" + CLASS_PATH + "' \"$@\"\n",
                        ContextFile.EXECUTABLE),
                ContextFile.text(
                        dir + "bighead",
                        "#!/bin/sh\n# Bighead's command line (predict, inspect, demo, registry ...)\n"
                                + "exec bighead-java org.bighead.cli.Bighead \"$@\"\n",
                        ContextFile.EXECUTABLE),
                ContextFile.text(
                        dir + "bighead-serve",
                        "#!/bin/sh\n# Deep Thought, Bighead's serving runtime: bighead-serve BUNDLE [options]\n"
                                + "exec bighead-java org.bighead.serving.ServeMain \"$@\"\n",
                        ContextFile.EXECUTABLE),
                ContextFile.text(
                        dir + "bighead-kernel",
                        "#!/bin/sh\n# The Bighead Java kernel for Jupyter: bighead-kernel CONNECTION_FILE\n"
                                + "exec bighead-java -Dbighead.resolver.lib=/opt/bighead/resolver"
                                + " $BIGHEAD_KERNEL_JAVA_OPTS org.bighead.kernel.Main \"$@\"\n",
                        ContextFile.EXECUTABLE));
    }

    static String kernelJson() {
        return """
                {
                  "argv": ["/opt/bighead/bin/bighead-kernel", "{connection_file}"],
                  "display_name": "Java (Bighead)",
                  "language": "java",
                  "interrupt_mode": "message",
                  "env": {},
                  "metadata": {"debugger": false}
                }
                """;
    }
}
