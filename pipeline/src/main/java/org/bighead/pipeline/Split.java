package org.bighead.pipeline;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Train/test splits of a table: {@code var split = Split.random(listings, 0.8, 42); split.train()}. */
public final class Split {

    /** The two halves. */
    public record Parts(Table train, Table test) {}

    private Split() {}

    /** A seeded random split: the same seed gives the same rows on every machine. */
    public static Parts random(Table table, double trainFraction, long seed) {
        checkFraction(trainFraction);
        int n = table.rowCount();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int cut = cut(n, trainFraction);
        int[] train = Arrays.copyOfRange(order, 0, cut);
        int[] test = Arrays.copyOfRange(order, cut, n);
        Arrays.sort(train);
        Arrays.sort(test);
        return new Parts(table.rows(train), table.rows(test));
    }

    /** Rows before {@code cutoff} train, the rest test: no peeking into the future. Missing dates go to train. */
    public static Parts byTime(Table table, String dateColumn, LocalDate cutoff) {
        Column<?> column = column(table, dateColumn);
        if (!(column instanceof DateColumn dates)) {
            throw new PipelineException("Split.byTime(..., LocalDate): column '" + dateColumn + "' is "
                    + column.type().name() + ", not a date");
        }
        return new Parts(
                table.where(dates.isBefore(cutoff).or(dates.isMissing())), table.where(dates.isOnOrAfter(cutoff)));
    }

    /** The earliest {@code trainFraction} of rows by a date or numeric time column train, the latest test. */
    public static Parts byTime(Table table, String timeColumn, double trainFraction) {
        checkFraction(trainFraction);
        Column<?> column = column(table, timeColumn);
        if (!(column instanceof DateColumn) && !(column instanceof NumericColumn<?>)) {
            throw new PipelineException("Split.byTime: column '" + timeColumn + "' is "
                    + column.type().name() + "; a date or numeric time column is needed");
        }
        // rows without a time go to train, as in the cutoff variant: they cannot be "the future"
        Table missing = table.where(column.isMissing());
        Table sorted = table.where(column.isNotMissing()).sortAscendingOn(timeColumn);
        int cut = cut(table.rowCount(), trainFraction) - missing.rowCount();
        if (cut < 0) {
            throw new PipelineException("Split.byTime: " + missing.rowCount() + " of " + table.rowCount()
                    + " rows have no '" + timeColumn + "', more than the train fraction " + trainFraction + " allows");
        }
        return new Parts(missing.append(sorted.inRange(0, cut)), sorted.inRange(cut, sorted.rowCount()));
    }

    /** Train rows for a fraction; refuses splits that leave either side empty, which nothing can use. */
    private static int cut(int rows, double trainFraction) {
        int cut = (int) Math.round(rows * trainFraction);
        if (cut == 0 || cut == rows) {
            throw new PipelineException("splitting " + rows + " rows at fraction " + trainFraction + " leaves the "
                    + (cut == 0 ? "train" : "test") + " part empty; use more rows or a fraction further from "
                    + (cut == 0 ? "0" : "1"));
        }
        return cut;
    }

    private static Column<?> column(Table table, String name) {
        if (!table.columnNames().contains(name)) {
            throw new BadInputException(
                    name,
                    BadInputException.Problem.MISSING_COLUMN,
                    "missing column '" + name + "' in table " + table.name());
        }
        return table.column(name);
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new PipelineException("train fraction must be between 0 and 1 (exclusive), got " + f);
        }
    }
}
