package org.bighead.registry;

/** A request the registry refuses: its HTTP status and one sentence a person understands (API.md, Errors). */
public final class ApiException extends RuntimeException {
    private final int status;

    /** An error answered with {@code status} and {@code message}. */
    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** 400: bad input; the message names the field. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404: no such model, version or alias. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 409: it exists already. */
    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
