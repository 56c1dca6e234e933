package org.bighead.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of broken JSON is told in the input's terms, with its position; Jackson's wording never shows. */
class JsonProblemsTest {
    private static final JsonMapper MAPPER = JsonProblems.strictMapper();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"a": NaN}                | at line 1, column 10: NaN is not a JSON number; send null for a missing value
            {"a": Infinity}           | Infinity is not a JSON number
            {"a": -Infinity}          | -Infinity is not a JSON number
            {"a": +1}                 | a number may not start with '+'
            {"a": 1,}                 | a comma is followed by '}': remove the trailing comma
            [1, 2,]                   | a comma is followed by ']': remove the trailing comma
            {"a": 1, "a": 2}          | the property "a" is given twice
            {'a': 1}                  | expected a property name in double quotes, found '''
            {a: 1}                    | expected a property name in double quotes, found 'a'
            {"a": 'x'}                | expected a value (a string in double quotes
            {"a": 1 /* c */}          | JSON has no comments
            {"a" 1}                   | expected ':' after the property name, found '1'
            {"a": 1 "b": 2}           | expected ',' or '}', found '"'
            [1 2]                     | expected ',' or ']', found '2'
            {"a": 01}                 | a number may not have leading zeros
            {"a": "x\\qy"}            | unknown escape '\\q' in a string
            {"a": tru}                | 'tru' is not a JSON value (strings need double quotes)
            {"a": [1, 2}              | found '}' where ']' closes the open array
            {"a": 1                   | the JSON ends too early
            {"a": "unclosed           | the JSON ends too early
            {"a": 1} {"b": 2}         | more follows the JSON value; send one value
            """)
    void brokenJsonIsToldPlainlyWithItsPosition(String json, String expected) {
        String message = problem(json.getBytes(StandardCharsets.UTF_8));
        assertThat(message)
                .startsWith("the request body is not valid JSON at line 1, column ")
                .contains(expected);
        assertNoJacksonSpeak(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a control character in a string | a control character (code 10) in a string must be escaped
            nesting past the limit          | nested deeper than 1000 levels
            a 2000-digit number             | a number of 2000 digits; at most 1000 are read
            bytes that are not UTF-8        | the body is not valid UTF-8 text
            """)
    void limitsAndEncodingAreToldPlainlyToo(String what, String expected) {
        byte[] body = switch (what) {
            case "a control character in a string" -> "{\"a\": \"x\ny\"}".getBytes(StandardCharsets.UTF_8);
            case "nesting past the limit" -> ("[".repeat(1500) + "]".repeat(1500)).getBytes(StandardCharsets.UTF_8);
            case "a 2000-digit number" -> ("[" + "7".repeat(2000) + "]").getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        };
        String message = problem(body);
        assertThat(message).contains(expected);
        assertNoJacksonSpeak(message);
    }

    private static String problem(byte[] body) {
        try {
            MAPPER.readTree(body);
        } catch (IOException e) {
            return JsonProblems.badRequest("the request body", e).getMessage();
        }
        return fail("parsed: " + new String(body, StandardCharsets.UTF_8));
    }

    private static void assertNoJacksonSpeak(String message) {
        assertThat(message)
                .doesNotContain(
                        "`",
                        "Feature",
                        "enable",
                        "Source:",
                        "com.fasterxml",
                        "StreamReadConstraints",
                        "JsonNode",
                        "' (code");
    }
}
