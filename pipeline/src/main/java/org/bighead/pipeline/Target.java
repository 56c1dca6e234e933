package org.bighead.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The target column of a table as numbers (regression) or class indexes (classification). */
record Target(double[] values, int[] labels, List<String> classes) {

    /** Reads the target for training; classes are learned (booleans false < true, numbers ascending). */
    static Target forTraining(Table table, String name, Task task) {
        Column<?> column = column(table, name);
        if (task == Task.REGRESSION) {
            return new Target(numbers(column), null, List.of());
        }
        String[] text = labels(column);
        TreeSet<String> distinct = new TreeSet<>(order(column));
        for (String t : text) distinct.add(t);
        if (distinct.size() < 2) {
            throw new BadInputException(
                    name,
                    BadInputException.Problem.WRONG_TYPE,
                    "target '" + name + "' has only one class " + distinct + "; a classifier needs at least two");
        }
        if (distinct.size() > 1000) {
            throw new BadInputException(
                    name,
                    BadInputException.Problem.WRONG_TYPE,
                    "target '" + name + "' has " + distinct.size()
                            + " classes; is it a regression target? Use a regressor");
        }
        return withClasses(name, text, new ArrayList<>(distinct));
    }

    /** Reads the target of an evaluation table with the classes learned in training. */
    static Target forEvaluation(Table table, String name, Task task, List<String> classes) {
        Column<?> column = column(table, name);
        if (task == Task.REGRESSION) {
            return new Target(numbers(column), null, List.of());
        }
        return withClasses(name, labels(column), classes);
    }

    private static Target withClasses(String name, String[] text, List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) index.put(classes.get(i), i);
        int[] labels = new int[text.length];
        for (int i = 0; i < text.length; i++) {
            Integer k = index.get(text[i]);
            if (k == null) {
                throw new BadInputException(
                        name,
                        BadInputException.Problem.UNSEEN_CATEGORY,
                        "target '" + name + "' has class '" + text[i] + "' not seen in training " + classes);
            }
            labels[i] = k;
        }
        return new Target(null, labels, classes);
    }

    private static Column<?> column(Table table, String name) {
        if (!table.columnNames().contains(name)) {
            throw BadInputException.missingColumn(name, " (the target); the table has " + table.columnNames());
        }
        Column<?> column = table.column(name);
        int missing = column.countMissing();
        if (missing > 0) {
            throw new BadInputException(
                    name,
                    BadInputException.Problem.MISSING_VALUE,
                    "target '" + name + "' has "
                            + missing + " missing values; drop those rows first, e.g. table.dropWhere(table.column(\""
                            + name + "\").isMissing())");
        }
        return column;
    }

    private static double[] numbers(Column<?> column) {
        if (!(column instanceof NumericColumn<?> numeric)) {
            throw new BadInputException(
                    column.name(),
                    BadInputException.Problem.WRONG_TYPE,
                    "target '"
                            + column.name() + "' is " + column.type().name() + "; a regressor needs numbers (use a"
                            + " classifier for labels)");
        }
        return numeric.asDoubleArray();
    }

    /** Labels as text; whole numbers print without ".0" so 0/1 targets read as "0" and "1". */
    private static String[] labels(Column<?> column) {
        String[] out = new String[column.size()];
        for (int i = 0; i < out.length; i++) {
            if (column instanceof NumericColumn<?> n) {
                double d = n.getDouble(i);
                out[i] = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            } else {
                out[i] = column.getString(i);
            }
        }
        return out;
    }

    /** How classes sort: booleans false before true, numbers numerically, text alphabetically. */
    private static Comparator<String> order(Column<?> column) {
        if (column instanceof NumericColumn<?>) {
            return Comparator.comparingDouble(Double::parseDouble);
        }
        if (column instanceof BooleanColumn) {
            return Comparator.comparing(Boolean::parseBoolean);
        }
        return Comparator.naturalOrder();
    }
}
