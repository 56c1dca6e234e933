package org.bighead.pipeline;

/**
 * Input data the pipeline cannot use: names the column and what is wrong, so a caller (the CLI, the serving
 * runtime) can turn it into a one-line message or a 400 without parsing text.
 */
public final class BadInputException extends PipelineException {

    /** What kind of problem the input has. */
    public enum Problem {
        MISSING_COLUMN,
        MISSING_VALUE,
        WRONG_TYPE,
        UNPARSABLE,
        UNSEEN_CATEGORY,
        EMPTY_TABLE
    }

    private final String column;
    private final Problem problem;

    public BadInputException(String column, Problem problem, String message) {
        super(message);
        this.column = column;
        this.problem = problem;
    }

    /** The offending column, or null when the problem is not about one column (an empty table). */
    public String column() {
        return column;
    }

    /** The kind of problem. */
    public Problem problem() {
        return problem;
    }

    static BadInputException missingColumn(String column, String context) {
        return new BadInputException(
                column, Problem.MISSING_COLUMN, "missing required column '" + column + "'" + context);
    }

    static BadInputException missingValue(String column) {
        return new BadInputException(
                column,
                Problem.MISSING_VALUE,
                "column '" + column + "' has a missing value, but the pipeline saw none in training and has no"
                        + " stage that imputes it");
    }

    static BadInputException wrongType(String column, String expected, Object got) {
        String shown = got instanceof String s ? "'" + abbreviate(s) + "'" : String.valueOf(got);
        String type = got == null ? "null" : got.getClass().getSimpleName();
        return new BadInputException(
                column,
                got instanceof String ? Problem.UNPARSABLE : Problem.WRONG_TYPE,
                "column '" + column + "': expected " + expected + ", got " + shown
                        + (got instanceof String ? "" : " (" + type + ")"));
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
