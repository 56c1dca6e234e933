package org.bighead.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/**
 * What text the registry stores may hold: no NUL character (PostgreSQL refuses it in text columns, SQLite would
 * keep it, so it is refused up front on both) and no more characters than its column holds (V1__registry.sql).
 */
public final class Texts {
    private Texts() {}

    /**
     * {@code value} when it has no NUL and at most {@code max} characters (Unicode code points, as PostgreSQL and
     * JSON Schema count them: an emoji is one), else a 400 naming {@code what}.
     */
    public static String check(String value, String what, int max) {
        noNul(value, what);
        if (value.codePointCount(0, value.length()) > max) {
            throw HttpError.badRequest(what + " is longer than " + max + " characters");
        }
        return value;
    }

    /** {@code value} when it has no NUL, else a 400 naming {@code what}. */
    public static String noNul(String value, String what) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw HttpError.badRequest(
                    what + " contains a NUL character (\\u0000), which the registry cannot store:" + " remove it");
        }
        return value;
    }

    /** {@code node} when no key or text value anywhere in it has a NUL, else a 400 naming the path inside. */
    public static JsonNode noNul(JsonNode node, String what) {
        if (node.isTextual()) {
            noNul(node.asText(), what);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String inner = what + "." + Messages.shorten(e.getKey(), Names.MAX_QUOTED);
                noNul(e.getKey(), "a key of " + what);
                noNul(e.getValue(), inner);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNul(node.get(i), what + "[" + i + "]");
            }
        }
        return node;
    }
}
