package org.bighead.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.bighead.pipeline.BadInputException;

/** A JSON value as the pipeline takes it: numbers, strings, booleans, null; objects and arrays are bad input. */
final class JsonValues {
    private JsonValues() {}

    /** The Java value of {@code node} for column {@code column}; null for JSON null or a missing node. */
    static Object of(String column, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue(); // Double, Integer, Long or BigInteger: the pipeline turns each into a double
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw new BadInputException(
                column,
                BadInputException.Problem.WRONG_TYPE,
                "column '" + column + "': expected a number, string, boolean or null, got " + describe(node));
    }

    /** "an object", "an array" and so on, for messages. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
