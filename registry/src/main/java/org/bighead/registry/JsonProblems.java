package org.bighead.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON document, said about the document: "NaN is not a JSON number … at line 1, column 9",
 * never Jackson's advice to its own programmer ("enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS"), class names
 * or token types.
 */
public final class JsonProblems {
    private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([^']*)'");
    private static final Pattern UNEXPECTED =
            Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code (\\d+)\\)\\)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '([^']{0,40})");
    private static final Pattern CONTROL =
            Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern LIMIT = Pattern.compile(
            "^(Document nesting depth|Number value length|String value length) \\((\\d+)\\) exceeds the maximum"
                    + " allowed \\((\\d+)");

    private JsonProblems() {
    }

    /** One sentence about the document, ending with where the problem is when known. */
    public static String describe(JsonProcessingException e) {
        return reason(e) + where(e.getLocation());
    }

    private static String reason(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token")) {
            return "there is more after the JSON value (send exactly one value)";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "it has a field '" + u.getPropertyName() + "' that is not known" + at(u);
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            return "a value has the wrong type or shape" + at((JsonMappingException) e);
        }
        if (e instanceof JsonMappingException m && !(m.getPath().isEmpty())) {
            return "a value cannot be read" + at(m);
        }
        Matcher m = NON_STANDARD.matcher(message);
        if (m.find()) {
            return m.group(1) + " is not a JSON number (JSON has no NaN or Infinity): send a number, or null";
        }
        if (message.contains("end-of-input")) {
            return "it ends before the JSON is complete (an unclosed {, [ or string?)";
        }
        if (message.contains("plus sign")) {
            return "a number starts with '+', which JSON does not allow";
        }
        if (message.contains("Leading zeroes")) {
            return "a number starts with 0, which JSON does not allow (write 7, not 07)";
        }
        if (message.contains("Decimal point not followed by a digit")) {
            return "a number ends with a decimal point (write 1.0 or 1, not 1.)";
        }
        if (message.contains("comment")) {
            return "it has a comment, which JSON does not allow";
        }
        m = CONTROL.matcher(message);
        if (m.find()) {
            return "text holds a control character (code " + m.group(1) + ") that must be escaped, e.g. \\n";
        }
        m = LIMIT.matcher(message);
        if (m.find()) {
            String what = switch (m.group(1)) {
                case "Document nesting depth" -> "it is nested deeper than " + m.group(3) + " levels";
                case "Number value length" -> "a number is longer than " + m.group(3) + " digits";
                default -> "a text value is longer than " + m.group(3) + " characters";
            };
            return what;
        }
        m = UNEXPECTED.matcher(message);
        if (m.find()) {
            int code = Integer.parseInt(m.group(2));
            String shown = code < 32 ? "the control character " + code : "'" + m.group(1) + "'";
            return "unexpected " + shown + (message.contains("double-quote to start field name")
                    ? " where a field name in double quotes should be" : "");
        }
        m = UNRECOGNIZED.matcher(message);
        if (m.find()) {
            return "'" + m.group(1) + "' is not a JSON value (text needs double quotes; true, false and null are"
                    + " lower case)";
        }
        if (message.contains("UTF-8") || message.contains("UTF8")) {
            return "it is not valid UTF-8 text";
        }
        if (message.contains("escape")) {
            return "a string has a backslash escape JSON does not know (\\n, \\t, \\\", \\\\, \\uXXXX are valid)";
        }
        return "it is not well-formed JSON";
    }

    private static String at(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "";
        }
        return " at '" + e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") + "'";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
