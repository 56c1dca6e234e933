package org.bighead.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The type of a widget trait: how a Java value is checked and copied when set, how it goes to JSON for the
 * frontend and how the browser's JSON comes back. Values are immutable once stored (lists are unmodifiable
 * copies, byte arrays are copied in and out).
 *
 * @param <T> the Java type of the value
 */
public abstract class Type<T> {
    /** A string; never null. */
    public static final Type<String> STRING = new Simple<>("a string", false, String.class);
    /** A string or null. */
    public static final Type<String> NULLABLE_STRING = new Simple<>("a string", true, String.class);
    /** A boolean; never null. */
    public static final Type<Boolean> BOOL = new Simple<>("a boolean", false, Boolean.class);
    /** A boolean or null. */
    public static final Type<Boolean> NULLABLE_BOOL = new Simple<>("a boolean", true, Boolean.class);
    /** An int; numbers are truncated like Python's {@code CInt}. */
    public static final Type<Integer> INT = new Int(false);
    /** An int or null. */
    public static final Type<Integer> NULLABLE_INT = new Int(true);
    /** A double; sent as a JSON float. */
    public static final Type<Double> FLOAT = new Float(false);
    /** A double or null. */
    public static final Type<Double> NULLABLE_FLOAT = new Float(true);
    /** A list of strings (a Python tuple of str). */
    public static final Type<List<String>> STRINGS = new Strings();
    /** Another widget, sent as {@code "IPY_MODEL_<id>"}. */
    public static final Type<Widget> WIDGET = new WidgetRef();
    /** A list of widgets. */
    public static final Type<List<Widget>> WIDGETS = new WidgetRefs();
    /** Bytes, sent as a binary buffer. */
    public static final Type<byte[]> BYTES = new Bytes();
    /** A JSON array (the Output widget's outputs). */
    public static final Type<ArrayNode> JSON_ARRAY = new JsonArray();
    /** Any Java value, kept in the kernel only (a selection's value). */
    public static final Type<Object> ANY = new Any();

    private final String what;
    private final boolean nullable;

    Type(String what, boolean nullable) {
        this.what = what;
        this.nullable = nullable;
    }

    /** Whether null is allowed. */
    public final boolean nullable() {
        return nullable;
    }

    /** Checks and converts a Java value (e.g. an Integer for a double trait), copying mutable ones. */
    final T cast(String owner, Object value) {
        if (value == null) {
            if (!nullable) {
                throw new IllegalArgumentException(owner + " cannot be null: it takes " + what);
            }
            return null;
        }
        T cast = castNonNull(value);
        if (cast == null) {
            throw new IllegalArgumentException(
                    owner + " takes " + what + ", not " + value.getClass().getSimpleName() + " " + Py.repr(value));
        }
        return cast;
    }

    /** The value as this type, or null when it cannot be one. */
    abstract T castNonNull(Object value);

    /** The JSON the frontend gets (binary values as {@link BinaryNode}). */
    abstract JsonNode toJson(T value);

    /** The value from the browser's JSON, or null when it cannot be one. */
    T fromJson(JsonNode json) {
        return castNonNull(WireState.MAPPER.convertValue(json, Object.class));
    }

    /** Whether two values are the same (no change). */
    boolean same(T a, T b) {
        return Objects.equals(a, b);
    }

    /** A copy safe to hand out (the stored value for immutable types). */
    T copyOut(T value) {
        return value;
    }

    private static final class Simple<T> extends Type<T> {
        private final Class<T> type;

        Simple(String what, boolean nullable, Class<T> type) {
            super(what, nullable);
            this.type = type;
        }

        @Override
        T castNonNull(Object value) {
            return type.isInstance(value) ? type.cast(value) : null;
        }

        @Override
        JsonNode toJson(T value) {
            return WireState.MAPPER.valueToTree(value);
        }

        @Override
        T fromJson(JsonNode json) {
            if (json.isNull()) return null;
            if (type == String.class && json.isTextual()) return type.cast(json.asText());
            if (type == Boolean.class && json.isBoolean()) return type.cast(json.asBoolean());
            return null;
        }
    }

    private static final class Int extends Type<Integer> {
        Int(boolean nullable) {
            super("an int", nullable);
        }

        @Override
        Integer castNonNull(Object value) {
            return value instanceof Number n ? (Integer) n.intValue() : null;
        }

        @Override
        JsonNode toJson(Integer value) {
            return value == null ? NullNode.instance : WireState.JSON.numberNode(value);
        }

        @Override
        Integer fromJson(JsonNode json) {
            return json.isNumber() ? json.asInt() : null;
        }
    }

    @SuppressWarnings("JavaLangClash") // Type.Float reads as the widget trait type it is; never imported
    private static final class Float extends Type<Double> {
        Float(boolean nullable) {
            super("a number", nullable);
        }

        @Override
        Double castNonNull(Object value) {
            return value instanceof Number n ? (Double) n.doubleValue() : null;
        }

        @Override
        JsonNode toJson(Double value) {
            // NaN and infinities are not JSON; the frontend would reject the whole message
            return value == null || !Double.isFinite(value) ? NullNode.instance : WireState.JSON.numberNode(value);
        }

        @Override
        Double fromJson(JsonNode json) {
            return json.isNumber() ? json.asDouble() : null;
        }
    }

    private static final class Strings extends Type<List<String>> {
        Strings() {
            super("a list of strings", false);
        }

        @Override
        List<String> castNonNull(Object value) {
            Collection<?> items = value instanceof Collection<?> c
                    ? c
                    : value instanceof Object[] array ? Arrays.asList(array) : null;
            if (items == null) return null;
            List<String> strings = new ArrayList<>(items.size());
            for (Object item : items) {
                if (!(item instanceof String s)) return null;
                strings.add(s);
            }
            return Collections.unmodifiableList(strings);
        }

        @Override
        JsonNode toJson(List<String> value) {
            ArrayNode array = WireState.JSON.arrayNode();
            value.forEach(array::add);
            return array;
        }
    }

    private static final class WidgetRef extends Type<Widget> {
        WidgetRef() {
            super("a widget", false);
        }

        @Override
        Widget castNonNull(Object value) {
            return value instanceof Widget w ? w : null;
        }

        @Override
        JsonNode toJson(Widget value) {
            return WireState.JSON.textNode("IPY_MODEL_" + value.referenceId());
        }

        @Override
        Widget fromJson(JsonNode json) {
            return json.isTextual() ? Widgets.byReference(json.asText()) : null;
        }

        @Override
        boolean same(Widget a, Widget b) {
            return a == b;
        }
    }

    private static final class WidgetRefs extends Type<List<Widget>> {
        WidgetRefs() {
            super("a list of widgets", false);
        }

        @Override
        List<Widget> castNonNull(Object value) {
            Collection<?> items = value instanceof Collection<?> c
                    ? c
                    : value instanceof Object[] array ? Arrays.asList(array) : null;
            if (items == null) return null;
            List<Widget> widgets = new ArrayList<>(items.size());
            for (Object item : items) {
                if (!(item instanceof Widget w)) return null;
                widgets.add(w);
            }
            return Collections.unmodifiableList(widgets);
        }

        @Override
        JsonNode toJson(List<Widget> value) {
            ArrayNode array = WireState.JSON.arrayNode();
            value.forEach(w -> array.add("IPY_MODEL_" + w.referenceId()));
            return array;
        }

        @Override
        List<Widget> fromJson(JsonNode json) {
            if (!json.isArray()) return null;
            List<Widget> widgets = new ArrayList<>();
            for (JsonNode item : json) {
                Widget w = item.isTextual() ? Widgets.byReference(item.asText()) : null;
                if (w == null) return null;
                widgets.add(w);
            }
            return Collections.unmodifiableList(widgets);
        }

        @Override
        boolean same(List<Widget> a, List<Widget> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) return false;
            }
            return true;
        }
    }

    private static final class Bytes extends Type<byte[]> {
        Bytes() {
            super("bytes", false);
        }

        @Override
        byte[] castNonNull(Object value) {
            return value instanceof byte[] b ? b.clone() : null;
        }

        @Override
        JsonNode toJson(byte[] value) {
            return WireState.JSON.binaryNode(value);
        }

        @Override
        byte[] fromJson(JsonNode json) {
            return json instanceof BinaryNode b ? b.binaryValue() : null;
        }

        @Override
        boolean same(byte[] a, byte[] b) {
            return Arrays.equals(a, b);
        }

        @Override
        byte[] copyOut(byte[] value) {
            return value.clone();
        }
    }

    private static final class JsonArray extends Type<ArrayNode> {
        JsonArray() {
            super("a JSON array", false);
        }

        @Override
        ArrayNode castNonNull(Object value) {
            JsonNode json = value instanceof JsonNode node ? node : WireState.MAPPER.valueToTree(value);
            return json instanceof ArrayNode array ? array.deepCopy() : null;
        }

        @Override
        JsonNode toJson(ArrayNode value) {
            return value;
        }

        @Override
        ArrayNode fromJson(JsonNode json) {
            return json instanceof ArrayNode array ? array.deepCopy() : null;
        }

        @Override
        ArrayNode copyOut(ArrayNode value) {
            return value.deepCopy();
        }
    }

    private static final class Any extends Type<Object> {
        Any() {
            super("any value", true);
        }

        @Override
        Object castNonNull(Object value) {
            return value;
        }

        @Override
        JsonNode toJson(Object value) {
            return WireState.MAPPER.valueToTree(value);
        }
    }
}
