package org.bighead.serving;

import org.bighead.pipeline.BadInputException;

/** Bad input in row {@code row} of a request; the cause names the column and the problem. */
public final class RowException extends RuntimeException {
    private final int row;

    public RowException(int row, BadInputException cause) {
        super(cause.getMessage(), cause, false, false);
        this.row = row;
    }

    /** Index of the offending row (instance) in the request, from 0. */
    public int row() {
        return row;
    }

    /** The pipeline's description of the problem. */
    public BadInputException input() {
        return (BadInputException) getCause();
    }
}
