package org.bighead.kernel.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers. Contents
 * stay as Jackson trees: each handler reads the few fields it needs.
 */
public record Message(
        List<byte[]> identities,
        ObjectNode header,
        ObjectNode parentHeader,
        ObjectNode metadata,
        ObjectNode content,
        List<byte[]> buffers) {

    /** The protocol version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.3";

    /** One session id per kernel process, as the spec asks. */
    public static final String SESSION = UUID.randomUUID().toString();

    /** The message type, e.g. "execute_request". */
    public String type() {
        return header.path("msg_type").asText();
    }

    /** The message id. */
    public String id() {
        return header.path("msg_id").asText();
    }

    /** A new message of {@code type} answering or caused by {@code parent} (null: no parent). */
    public static Message create(
            List<byte[]> identities, String type, ObjectNode parent, ObjectNode content, List<byte[]> buffers) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", SESSION);
        header.put("username", "kernel");
        header.put("date", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        header.put("msg_type", type);
        header.put("version", PROTOCOL_VERSION);
        return new Message(
                identities,
                header,
                parent == null ? JsonNodeFactory.instance.objectNode() : parent,
                JsonNodeFactory.instance.objectNode(),
                content,
                buffers == null ? List.of() : buffers);
    }

    /** The reply to this request: same identities, {@code _request} becomes {@code _reply}. */
    public Message reply(ObjectNode content) {
        return create(identities, type().replace("_request", "_reply"), header, content, null);
    }
}
