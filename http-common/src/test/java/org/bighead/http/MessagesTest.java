package org.bighead.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How untrusted text is quoted in error messages: cut to a length, control characters made visible. */
class MessagesTest {
    @ParameterizedTest(name = "[{0}] at most {1} → [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL         | 10 | ''
            ''           | 10 | ''
            listing      | 10 | listing
            exactly-10   | 10 | exactly-10
            eleven-char  | 10 | eleven-...
            a b  c       | 10 | a b  c
            """)
    void textIsCutToTheLimitWithAnEllipsis(String text, int max, String expected) {
        assertThat(Messages.shorten(text, max)).isEqualTo(expected);
        assertThat(Messages.shorten(text, max).length()).isLessThanOrEqualTo(max);
    }

    @Test
    void controlCharactersIncludingLineBreaksAndNulBecomeQuestionMarks() {
        assertThat(Messages.shorten("a\0b\nc\td\u007f", 80)).isEqualTo("a?b?c?d?");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        assertThat(Messages.shorten("abcdef" + emoji + "ghijk", 10)).isEqualTo("abcdef...");
        assertThat(Messages.shorten("abcde" + emoji + "ghijk", 10)).isEqualTo("abcde" + emoji + "...");
    }

    @Test
    void aLimitWithNoRoomForTextIsAProgrammingError() {
        assertThatThrownBy(() -> Messages.shorten("abc", 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
