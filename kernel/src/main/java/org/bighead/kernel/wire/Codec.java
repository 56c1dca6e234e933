package org.bighead.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns messages into ZeroMQ frames and back, signing with HMAC-SHA256 over the four JSON frames. A message
 * whose signature does not verify is never decoded: {@link #decode} returns null and the caller logs and drops it.
 */
public final class Codec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs; // Mac is not thread-safe: one per socket thread

    public Codec(String key) {
        this.key = key == null || key.isEmpty()
                ? null
                : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                if (this.key != null) mac.init(this.key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Hex HMAC of the frames, or "" when the connection has no key. */
    String sign(byte[]... frames) {
        if (key == null) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] f : frames) mac.update(f);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** The frames of a message, ready to send. */
    public List<byte[]> encode(Message m) {
        try {
            byte[] header = JSON.writeValueAsBytes(m.header());
            byte[] parent = JSON.writeValueAsBytes(m.parentHeader());
            byte[] metadata = m.metadata().isEmpty() ? EMPTY_OBJECT : JSON.writeValueAsBytes(m.metadata());
            byte[] content = JSON.writeValueAsBytes(m.content());
            List<byte[]> frames =
                    new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
            frames.addAll(m.identities());
            frames.add(DELIMITER);
            frames.add(sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
            frames.add(header);
            frames.add(parent);
            frames.add(metadata);
            frames.add(content);
            frames.addAll(m.buffers());
            return frames;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + m.type(), e);
        }
    }

    /** Decodes received frames; null when malformed or badly signed (the reason goes to {@code log}). */
    public Message decode(List<byte[]> frames, java.util.function.Consumer<String> log) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            log.accept("dropping a malformed message (" + frames.size() + " frames, no complete envelope)");
            return null;
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature)) {
            log.accept("dropping a message with an invalid signature (" + frames.size() + " frames)");
            return null;
        }
        try {
            return new Message(
                    List.copyOf(frames.subList(0, delimiter)),
                    object(header),
                    object(parent),
                    object(metadata),
                    object(content),
                    List.copyOf(frames.subList(delimiter + 6, frames.size())));
        } catch (IOException | ClassCastException e) {
            log.accept("dropping a signed message whose JSON cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static ObjectNode object(byte[] json) throws IOException {
        JsonNode node = JSON.readTree(json);
        return node == null || node.isMissingNode() ? JSON.createObjectNode() : (ObjectNode) node;
    }
}
