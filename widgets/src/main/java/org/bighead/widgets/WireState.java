package org.bighead.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Widget state on the wire: binary values travel as message buffers, their places in the state as
 * {@code buffer_paths} (protocol 2: a binary value under an object key is removed, one in a list becomes null).
 * In memory, a binary value is a Jackson {@link BinaryNode} inside the state tree.
 */
final class WireState {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A state split for sending: JSON without binaries, the paths of the binaries, and the binaries. */
    record Split(JsonNode state, ArrayNode bufferPaths, List<byte[]> buffers) {}

    private WireState() {}

    /** Removes the binary values from a copy of {@code state} (the original is untouched), like ipywidgets does. */
    static Split split(JsonNode state) {
        ArrayNode paths = JSON.arrayNode();
        List<byte[]> buffers = new ArrayList<>();
        JsonNode without = separate(state, JSON.arrayNode(), paths, buffers);
        return new Split(without, paths, buffers);
    }

    private static JsonNode separate(JsonNode node, ArrayNode path, ArrayNode paths, List<byte[]> buffers) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.objectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                ArrayNode here = path.deepCopy().add(e.getKey());
                if (e.getValue() instanceof BinaryNode binary) {
                    paths.add(here);
                    buffers.add(binary.binaryValue());
                } else {
                    copy.set(e.getKey(), separate(e.getValue(), here, paths, buffers));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                ArrayNode here = path.deepCopy().add(i);
                if (array.get(i) instanceof BinaryNode binary) {
                    paths.add(here);
                    buffers.add(binary.binaryValue());
                    copy.addNull();
                } else {
                    copy.add(separate(array.get(i), here, paths, buffers));
                }
            }
            return copy;
        }
        return node;
    }

    /** Puts received buffers back into {@code state} at their paths (in place), as binary values. */
    static void putBuffers(JsonNode state, JsonNode bufferPaths, List<byte[]> buffers) {
        if (bufferPaths == null || !bufferPaths.isArray()) {
            return;
        }
        for (int i = 0; i < bufferPaths.size() && i < buffers.size(); i++) {
            JsonNode path = bufferPaths.get(i);
            JsonNode at = state;
            for (int k = 0; k < path.size() - 1 && at != null; k++) {
                at = path.get(k).isInt()
                        ? at.get(path.get(k).asInt())
                        : at.get(path.get(k).asText());
            }
            JsonNode last = path.get(path.size() - 1);
            if (at instanceof ObjectNode object) {
                object.set(last.asText(), JSON.binaryNode(buffers.get(i)));
            } else if (at instanceof ArrayNode array && last.isInt() && last.asInt() < array.size()) {
                array.set(last.asInt(), JSON.binaryNode(buffers.get(i)));
            }
        }
    }

    /** {@code {"method": method, "state": ..., "buffer_paths": ...}} for an update or echo_update. */
    static ObjectNode stateMessage(String method, Split split) {
        ObjectNode data = JSON.objectNode();
        data.put("method", method);
        data.set("state", split.state());
        data.set("buffer_paths", split.bufferPaths());
        return data;
    }
}
