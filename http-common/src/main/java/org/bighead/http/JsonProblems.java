package org.bighead.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JSON parser's complaint told as a fault of the input, with its position: "the request body is not valid JSON at
 * line 1, column 14: NaN is not a JSON number; send null for a missing value". Jackson's own wording (features to
 * enable, constraint classes, Java types) never reaches a client. Both servers parse request bodies with
 * {@link #strictMapper()} and answer a failure with {@link #badRequest}.
 */
public final class JsonProblems {
    private static final int MAX_REASON = 200;
    /** A character as Jackson quotes it: {@code ('}' (code 125))} or {@code ((CTRL-CHAR, code 10))}. */
    private static final String CHAR = "\\(\\(?(?:'(.{1,2})'|CTRL-CHAR|[^()]*),? \\(?code (\\d+)\\)\\)?";

    private static final List<Rule> RULES = List.of(
            rule(
                    "Non-standard token '([+-]?(?:NaN|Infinity|INF))'",
                    m -> m.group(1) + " is not a JSON number; send null for a missing value"),
            rule(
                    "Unexpected character " + CHAR + " in numeric value: JSON spec does not allow numbers to have plus",
                    m -> "a number may not start with '+'"),
            rule(
                    "Unexpected character " + CHAR + ": was expecting double-quote to start field name",
                    m -> "}".equals(m.group(1))
                            ? "a comma is followed by '}': remove the trailing comma"
                            : "expected a property name in double quotes, found " + shown(m)),
            rule(
                    "Unexpected character " + CHAR + ": expected a (?:valid )?value",
                    m -> "]".equals(m.group(1))
                            ? "a comma is followed by ']': remove the trailing comma"
                            : "expected a value (a string in double quotes, a number, true, false, null, an object"
                                    + " or an array), found " + shown(m)),
            rule("Unexpected character " + CHAR + ": maybe a \\(non-standard\\) comment", m -> "JSON has no comments"),
            rule(
                    "Unexpected character " + CHAR + ": was expecting a colon",
                    m -> "expected ':' after the property name, found " + shown(m)),
            rule(
                    "Unexpected character " + CHAR + ": was expecting comma to separate (Object|Array) entries",
                    m -> "expected ',' or '" + ("Object".equals(m.group(3)) ? "}" : "]") + "', found " + shown(m)),
            rule(
                    "Unexpected character " + CHAR + ": Expected space separating root-level values",
                    m -> "unexpected " + shown(m) + " after a value"),
            rule("Unexpected character " + CHAR, m -> "unexpected " + shown(m)),
            rule(
                    "Illegal unquoted character " + CHAR,
                    m -> "a control character (code " + m.group(2) + ") in a string must be escaped"),
            rule(
                    "Unrecognized character escape (?:'(.)' )?\\(code (\\d+)\\)",
                    m -> "unknown escape '\\" + (m.group(1) != null ? m.group(1) : "code " + m.group(2))
                            + "' in a string"),
            rule(
                    "Duplicate (?:field|Object property) [\"'](.*)[\"']",
                    m -> "the property \"" + Messages.shorten(m.group(1), 80) + "\" is given twice"),
            rule(
                    "Unrecognized token '(.*?)'",
                    m -> "'" + Messages.shorten(m.group(1), 40) + "' is not a JSON value"
                            + " (strings need double quotes)"),
            rule("Invalid numeric value: Leading zeroes", m -> "a number may not have leading zeros"),
            rule("Invalid numeric value: (.*)", m -> "invalid number: " + plain(m.group(1))),
            rule("Unexpected end-of-input", m -> "the JSON ends too early (an unclosed string, object or array)"),
            rule(
                    "Unexpected close marker '(.)': expected '(.)'",
                    m -> "found '" + m.group(1) + "' where '" + m.group(2) + "' closes the open "
                            + ("}".equals(m.group(2)) ? "object" : "array")),
            rule("Trailing token", m -> "more follows the JSON value; send one value"),
            rule(
                    "Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)",
                    m -> "nested deeper than " + m.group(2) + " levels"),
            rule(
                    "Number value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)",
                    m -> "a number of " + m.group(1) + " digits; at most " + m.group(2) + " are read"),
            rule(
                    "String value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)",
                    m -> "a string of " + m.group(1) + " characters; at most " + m.group(2) + " are read"),
            rule(
                    "Name length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)",
                    m -> "a property name of " + m.group(1) + " characters; at most " + m.group(2) + " are read"),
            rule("Invalid UTF-8", m -> "the body is not valid UTF-8 text"),
            rule(
                    "Invalid (?:white space )?character \\(code (?:0x)?(\\w+)\\)",
                    m -> "an invalid character (code " + m.group(1) + ")"));

    private JsonProblems() {}

    /**
     * A mapper for request bodies: standard JSON only, a duplicate property is an error (the last one silently
     * winning hides a client's bug), and "{...} more" is malformed rather than read as its first value.
     */
    public static JsonMapper strictMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    /** 400: {@code what} (e.g. "the request body") is not valid JSON, where and why, in the input's terms. */
    public static HttpError badRequest(String what, IOException failure) {
        return HttpError.badRequest(what + " is not valid JSON" + describe(failure));
    }

    /** " at line 1, column 14: NaN is not a JSON number; ..." for a parse failure, or ": reason" with no position. */
    public static String describe(IOException failure) {
        String where = "";
        String raw = failure.getMessage();
        if (failure instanceof JsonProcessingException e) {
            where = where(e.getLocation());
            raw = e.getOriginalMessage();
        }
        // well-formed JSON that does not fit the expected shape (data binding): say which value, by its path
        if (failure instanceof UnrecognizedPropertyException u) {
            return where + ": it has a property '" + Messages.shorten(u.getPropertyName(), 80) + "' that is not known"
                    + at(u);
        }
        if (failure instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return where + ": a value has the wrong type or shape" + at(m);
        }
        return where + ": " + reason(raw);
    }

    private static String at(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "";
        }
        return " at '"
                + e.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[")
                + "'";
    }

    /** The plain reason for one of Jackson's messages (without its location). */
    static String reason(String jackson) {
        if (jackson == null || jackson.isBlank()) {
            return "unreadable";
        }
        String first = jackson.strip().lines().findFirst().orElse("");
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(first);
            if (m.lookingAt()) {
                return Messages.shorten(rule.message().apply(m), MAX_REASON);
            }
        }
        return Messages.shorten(plain(first), MAX_REASON);
    }

    /** A message with Jackson's source excerpts, feature hints and Java type names taken out. */
    private static String plain(String s) {
        String out = s.replaceAll("\\s*\\(?\\[Source: .*?]\\)?", "")
                .replaceAll(":?\\s*enable `[^`]*` to allow", "")
                .replaceAll("\\s*\\((?:[^()]*`[^`]*`[^()]*)\\)", "")
                .replaceAll("\\s*\\(code \\d+\\)", "")
                .strip();
        boolean jacksonSpeak = out.contains("`")
                || out.contains("Feature")
                || out.contains("Jackson")
                || out.contains("com.fasterxml")
                || out.contains("java.");
        return jacksonSpeak || out.isEmpty() ? "the text is not well-formed JSON here" : out;
    }

    private static String shown(Matcher m) {
        if (m.group(1) != null) {
            return "'" + m.group(1) + "'";
        }
        int code = Integer.parseInt(m.group(2));
        return code < 0x20 || code == 0x7f
                ? "a control character (code " + code + ")"
                : "'" + new String(Character.toChars(code)) + "'";
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 0) {
            return "";
        }
        return String.format(Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
    }

    private static Rule rule(String regex, Function<Matcher, String> message) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), message);
    }

    private record Rule(Pattern pattern, Function<Matcher, String> message) {}
}
