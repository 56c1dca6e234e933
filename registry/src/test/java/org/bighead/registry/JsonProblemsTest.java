package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.bighead.http.HttpError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A body that is not JSON gets a 400 about the body, never Jackson's advice to its programmer. */
class JsonProblemsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"version\": NaN} | NaN is not a JSON number | at line 1, column",
                "{\"version\": -Infinity} | -Infinity is not a JSON number | at line 1",
                "{\"version\": +1} | may not start with '+' | at line 1",
                "{\"version\": 01} | leading zeros | at line 1",
                "{\"name\": \"a\"} {} | more follows the JSON value | at line 1",
                "{\"name\": \"a\" | ends too early | at line 1",
                "{name: 1} | expected a property name in double quotes, found 'n' | at line 1, column 2",
                "{'name': 1} | expected a property name in double quotes | at line 1",
                "{\"a\": tru} | 'tru' is not a JSON value | at line 1",
                "{\"a\": 1} // note | JSON has no comments | at line 1",
                "{\"a\": \"\\q\"} | unknown escape | at line 1",
                "{\"a\": 1, \"a\": 2} | the property \"a\" is given twice | at line 1",
            })
    void aBodyThatIsNotJsonIsDescribedInTermsOfTheBody(String body, String says, String where) {
        assertThatThrownBy(() -> Json.object(body.getBytes(StandardCharsets.UTF_8), "the request body"))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .startsWith("the request body is not valid JSON at line ")
                            .contains(says)
                            .contains(where)
                            .doesNotContainIgnoringCase("enable")
                            .doesNotContain("`")
                            .doesNotContain("Feature")
                            .doesNotContain("jackson")
                            .doesNotContain("START_")
                            .doesNotContain("(code ");
                });
    }

    @ParameterizedTest(name = "nested {0} deep")
    @CsvSource({"1001"})
    void tooDeepAndTooLongAreSaidWithTheLimit(int depth) {
        byte[] deep = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
        byte[] wrapped = ("{\"a\":" + new String(deep, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] longNumber = ("{\"a\":" + "9".repeat(1001) + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Json.object(wrapped, "the request body"))
                .hasMessageContaining("nested deeper than 1000 levels")
                .hasMessageNotContaining("StreamReadConstraints");
        assertThatThrownBy(() -> Json.object(longNumber, "the request body"))
                .hasMessageContaining("a number of 1001 digits; at most 1000 are read")
                .hasMessageNotContaining("StreamReadConstraints");
    }
}
