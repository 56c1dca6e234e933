package org.bighead.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The connection file Jupyter hands a kernel: where to bind each socket and how to sign messages. */
public record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int iopubPort,
        int stdinPort,
        int controlPort,
        int hbPort,
        String signatureScheme,
        String key) {

    /** Reads a connection file. */
    public static ConnectionInfo read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        String scheme = json.path("signature_scheme").asText("hmac-sha256");
        if (!scheme.isEmpty() && !scheme.equals("hmac-sha256")) {
            throw new IOException("unsupported signature scheme '" + scheme + "' in " + file + " (hmac-sha256 only)");
        }
        return new ConnectionInfo(
                json.path("transport").asText("tcp"),
                json.path("ip").asText("127.0.0.1"),
                json.path("shell_port").asInt(),
                json.path("iopub_port").asInt(),
                json.path("stdin_port").asInt(),
                json.path("control_port").asInt(),
                json.path("hb_port").asInt(),
                scheme,
                json.path("key").asText(""));
    }

    /** The ZeroMQ address of a port. */
    public String address(int port) {
        return transport + "://" + ip + (transport.equals("ipc") ? "-" : ":") + port;
    }
}
