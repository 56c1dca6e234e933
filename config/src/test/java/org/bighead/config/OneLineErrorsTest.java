package org.bighead.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reason a failed command gave: its last line that is not a stack frame. */
class OneLineErrorsTest {
    @Test
    void theReasonIsTheLastLineThatIsNotAStackFrame() {
        assertThat(OneLineErrors.reason("scoring...\nbighead batch-score: input missing.csv does not exist\n\n"))
                .contains("bighead batch-score: input missing.csv does not exist");
        assertThat(OneLineErrors.reason("Exception in thread \"main\" java.lang.IllegalStateException: boom\n"
                        + "\tat org.example.A.run(A.java:3)\nCaused by: java.io.IOException: disk\n"
                        + "\tat org.example.B.read(B.java:9)\n\t... 4 more\n"))
                .contains("Exception in thread \"main\" java.lang.IllegalStateException: boom");
        assertThat(OneLineErrors.reason("\n  \n")).isEmpty();
    }
}
