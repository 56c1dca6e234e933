package org.bighead.pipeline;

import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Scores every row of a table through the same {@link Scorer} plan as online rows, a block at a time ({@link
 * BlockScorer}). Values are converted column
 * by column with the rules of {@link Values}, so a table row and the same row as a map give identical bits.
 */
final class BatchScorer {
    private BatchScorer() {}

    /** Rows a block: enough to spread the model's per-call cost, few enough to stay in the caches. */
    static final int BLOCK = 256;

    /** Outputs: [0] prediction (value or class index), [1 + k] probability of class k. */
    static double[][] score(BlockScorer scorer, Schema input, int classes, Table table) {
        List<Field> fields = input.fields();
        Object[] columns = new Object[fields.size()];
        for (int j = 0; j < fields.size(); j++) {
            columns[j] = values(fields.get(j), table);
        }
        int n = table.rowCount();
        double[][] out = new double[1 + classes][n];
        for (int first = 0; first < n; first += scorer.capacity()) {
            int rows = Math.min(scorer.capacity(), n - first);
            for (int r = 0; r < rows; r++) {
                int i = first + r;
                scorer.clear(r);
                for (int j = 0; j < columns.length; j++) {
                    if (columns[j] instanceof double[] d) {
                        scorer.setNumber(r, j, d[i]);
                    } else {
                        scorer.setText(r, j, ((String[]) columns[j])[i]);
                    }
                }
            }
            scorer.run(rows);
            for (int r = 0; r < rows; r++) {
                int i = first + r;
                PipelineException error = scorer.error(r);
                if (error instanceof BadInputException e) {
                    throw new BadInputException(e.column(), e.problem(), "row " + i + ": " + e.getMessage());
                } else if (error != null) {
                    throw error;
                }
                out[0][i] = scorer.value(r);
                for (int k = 0; k < classes; k++) {
                    out[1 + k][i] = scorer.probability(r, k);
                }
            }
        }
        return out;
    }

    private static Object values(Field field, Table table) {
        String name = field.name();
        if (!table.columnNames().contains(name)) {
            throw BadInputException.missingColumn(name, " in table '" + table.name() + "'");
        }
        Column<?> column = table.column(name);
        int n = column.size();
        boolean text = column.type() == ColumnType.STRING;
        if (field.kind() == Kind.NUMERIC) {
            if (column instanceof NumericColumn<?> || column instanceof BooleanColumn) {
                return Frame.convert(column);
            }
            if (!text) {
                throw new BadInputException(
                        name,
                        BadInputException.Problem.WRONG_TYPE,
                        "column '" + name + "': expected numbers, the table has a "
                                + column.type().name() + " column");
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                try {
                    out[i] = column.isMissing(i) ? Double.NaN : Values.parseNumber(name, column.getString(i));
                } catch (BadInputException e) {
                    throw new BadInputException(name, e.problem(), "row " + i + ": " + e.getMessage());
                }
            }
            return out;
        }
        if (text) {
            return Frame.convert(column);
        }
        // numbers or booleans in a string column: their text, as a JSON row's Integer 2 becomes "2"
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = column.isMissing(i) ? null : column.getString(i);
        }
        return out;
    }
}
