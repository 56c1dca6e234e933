package org.bighead.serving;

/**
 * A request the server answers with an error status and a message a person understands. Thrown anywhere in a
 * handler; {@link Errors} writes it as {@code {"status": 400, "error": "...", "column": "..."}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String column;
    private final Integer row;

    public ApiError(int status, String message) {
        this(status, message, null, null);
    }

    public ApiError(int status, String message, String column, Integer row) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill or print
        this.status = status;
        this.column = column;
        this.row = row;
    }

    /** 400 for a request that is not what the endpoint takes. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    /** 404 for a model name or version this server does not serve. */
    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** The input column the problem is about, or null. */
    public String column() {
        return column;
    }

    /** The row (instance) index the problem is in, or null. */
    public Integer row() {
        return row;
    }
}
