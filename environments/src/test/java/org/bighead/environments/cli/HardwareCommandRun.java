package org.bighead.environments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.config.Settings;
import picocli.CommandLine;

/** Helpers shared by the hardware command's tests: runs it with captured output. */
final class HardwareCommandRun {
    final int exit;
    final String out;
    final String err;

    private HardwareCommandRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code hardware ARGS} with exactly {@code env} as the environment (no config file). */
    static HardwareCommandRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new HardwareCommand(Settings.of(env, Map.of()), env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new HardwareCommandRun(exit, out.toString(), err.toString());
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
