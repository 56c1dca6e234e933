package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Train/test splits: random but reproducible, or by time so a model never trains on the future. */
class SplitTest {

    /** {@code n} rows with ids 0..n-1, one listing date per row (one day apart, in shuffled order). */
    static Table rows(int n) {
        IntColumn id = IntColumn.create("id", IntStream.range(0, n).toArray());
        DateColumn day = DateColumn.create("day");
        DoubleColumn hour = DoubleColumn.create("hour");
        for (int i = 0; i < n; i++) {
            int offset = (i * 37) % n; // a permutation of 0..n-1 when gcd(37, n) = 1
            day.append(LocalDate.of(2024, 1, 1).plusDays(offset));
            hour.append(offset * 0.5);
        }
        return Table.create("rows", id, day, hour);
    }

    static List<Integer> ids(Table t) {
        return new ArrayList<>(t.intColumn("id").asList());
    }

    @Test
    void aRandomSplitWithTheSameSeedPicksTheSameRows() {
        Table t = rows(100);
        Split.Parts a = Split.random(t, 0.8, 42);
        Split.Parts b = Split.random(t, 0.8, 42);
        Split.Parts other = Split.random(t, 0.8, 43);

        assertThat(ids(a.train())).isEqualTo(ids(b.train()));
        assertThat(ids(a.test())).isEqualTo(ids(b.test()));
        assertThat(ids(other.test())).isNotEqualTo(ids(a.test()));
    }

    @Test
    void aRandomSplitIsDisjointCoversEveryRowAndKeepsTableOrder() {
        Table t = rows(100);
        Split.Parts parts = Split.random(t, 0.8, 7);

        List<Integer> train = ids(parts.train());
        List<Integer> test = ids(parts.test());
        assertThat(train).doesNotContainAnyElementsOf(test);
        List<Integer> all = new ArrayList<>(train);
        all.addAll(test);
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(t));
        assertThat(train).isSorted();
        assertThat(test).isSorted();
        // the other columns travel with their row
        int first = test.get(0);
        assertThat(parts.test().dateColumn("day").get(0))
                .isEqualTo(t.dateColumn("day").get(first));
    }

    @Test
    void aRandomSplitRespectsTheFractionRoundedToTheNearestRow() {
        assertThat(Split.random(rows(100), 0.8, 1).train().rowCount()).isEqualTo(80);
        assertThat(Split.random(rows(100), 0.8, 1).test().rowCount()).isEqualTo(20);
        assertThat(Split.random(rows(10), 0.25, 1).train().rowCount()).isEqualTo(3); // 2.5 rounds up
        assertThat(Split.random(rows(7), 0.5, 1).test().rowCount()).isEqualTo(3);
    }

    @Test
    void aRandomSplitIsNotTheFirstRows() {
        List<Integer> train = ids(Split.random(rows(100), 0.5, 3).train());
        assertThat(train).isNotEqualTo(IntStream.range(0, 50).boxed().toList());
        // roughly half of each half of the table
        long early = train.stream().filter(i -> i < 50).count();
        assertThat(early).isBetween(15L, 35L);
    }

    @Test
    void aSplitByDatePutsEveryEarlierDateInTrainAndTheRestInTest() {
        Table t = rows(101);
        LocalDate cutoff = LocalDate.of(2024, 3, 1); // day 60
        Split.Parts parts = Split.byTime(t, "day", cutoff);

        assertThat(parts.train().rowCount()).isEqualTo(60);
        assertThat(parts.test().rowCount()).isEqualTo(41);
        assertThat(parts.train().dateColumn("day").asList()).allMatch(d -> d.isBefore(cutoff));
        assertThat(parts.test().dateColumn("day").asList()).allMatch(d -> !d.isBefore(cutoff));
        assertThat(parts.test().dateColumn("day").asList()).contains(cutoff);
    }

    @Test
    void aSplitByDateKeepsRowsWithoutADateInTrain() {
        Table t = Table.create(
                "t",
                StringColumn.create("name", "old", "undated", "new"),
                DateColumn.create("day", new LocalDate[] {LocalDate.of(2020, 5, 1), null, LocalDate.of(2023, 5, 1)}));
        Split.Parts parts = Split.byTime(t, "day", LocalDate.of(2022, 1, 1));
        assertThat(parts.train().stringColumn("name").asList()).containsExactly("old", "undated");
        assertThat(parts.test().stringColumn("name").asList()).containsExactly("new");
    }

    @Test
    void aSplitByDateNeedsADateColumnThatExists() {
        assertThatThrownBy(() -> Split.byTime(rows(10), "hour", LocalDate.of(2024, 1, 5)))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Split.byTime(..., LocalDate): column 'hour' is DOUBLE, not a date");
        assertThatThrownBy(() -> Split.byTime(rows(10), "when", LocalDate.of(2024, 1, 5)))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.column()).isEqualTo("when"))
                .hasMessage("missing column 'when' in table rows");
    }

    @Test
    void aSplitByTimeFractionTrainsOnTheEarliestRows() {
        Table t = rows(101);
        Split.Parts parts = Split.byTime(t, "day", 0.7);

        assertThat(parts.train().rowCount()).isEqualTo(71); // 70.7 rounds to 71
        assertThat(parts.test().rowCount()).isEqualTo(30);
        LocalDate lastTrain = parts.train().dateColumn("day").max();
        LocalDate firstTest = parts.test().dateColumn("day").min();
        assertThat(lastTrain).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(70));
        assertThat(firstTest).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(71));
        assertThat(ids(parts.train())).doesNotContainAnyElementsOf(ids(parts.test()));
    }

    @Test
    void aSplitByTimeFractionAlsoTakesANumericTimeColumn() {
        Split.Parts parts = Split.byTime(rows(101), "hour", 0.5);
        double lastTrain = parts.train().doubleColumn("hour").max();
        double firstTest = parts.test().doubleColumn("hour").min();
        assertThat(parts.train().rowCount()).isEqualTo(51); // 50.5 rounds up
        assertThat(lastTrain).isEqualTo(25.0);
        assertThat(firstTest).isEqualTo(25.5);

        assertThatThrownBy(() -> Split.byTime(Table.create("t", StringColumn.create("s", "a", "b")), "s", 0.5))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Split.byTime: column 's' is STRING; a date or numeric time column is needed");
    }

    @Test
    void trainFractionsOutsideZeroToOneAreRefused() {
        Table t = rows(10);
        for (double bad : new double[] {0, 1, -0.2, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Split.random(t, bad, 1))
                    .isInstanceOf(PipelineException.class)
                    .hasMessage("train fraction must be between 0 and 1 (exclusive), got " + bad);
            assertThatThrownBy(() -> Split.byTime(t, "day", bad))
                    .hasMessage("train fraction must be between 0 and 1 (exclusive), got " + bad);
        }
    }
}
