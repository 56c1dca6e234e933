package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Splits that would leave nothing to train or test on are refused plainly; rows without a time train. */
class SplitEdgeCasesTest {

    @Test
    void aFractionThatLeavesAnEmptySideIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Split.random(SplitTest.rows(10), 0.01, 1))
                .isInstanceOf(PipelineException.class)
                .hasMessage("splitting 10 rows at fraction 0.01 leaves the train part empty; use more rows or a"
                        + " fraction further from 0");
        assertThatThrownBy(() -> Split.random(SplitTest.rows(10), 0.99, 1))
                .hasMessageContaining("leaves the test part empty");
        assertThatThrownBy(() -> Split.byTime(SplitTest.rows(10), "day", 0.99))
                .hasMessageContaining("leaves the test part empty");
    }

    @Test
    void byTimeFractionPutsRowsWithoutATimeInTrainForDatesAndForNumbers() {
        Table dates =
                Table.create("d", StringColumn.create("n", "a", "b", "c", "d"), DateColumn.create("t", new LocalDate[] {
                    null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3)
                }));
        assertThat(Split.byTime(dates, "t", 0.5).train().stringColumn("n").asList())
                .containsExactly("a", "b");

        Table numbers = Table.create(
                "h", StringColumn.create("n", "a", "b", "c", "d"), DoubleColumn.create("t", Double.NaN, 1, 2, 3));
        assertThat(Split.byTime(numbers, "t", 0.5).train().stringColumn("n").asList())
                .containsExactly("a", "b");
        assertThat(Split.byTime(numbers, "t", 0.5).test().stringColumn("n").asList())
                .containsExactly("c", "d");
    }
}
