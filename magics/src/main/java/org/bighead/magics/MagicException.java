package org.bighead.magics;

/**
 * A magic used wrongly (unknown name, bad flags, bad argument) or failing for a reason the user can fix. The
 * kernel shows it as an error with this message and no stack trace.
 */
public class MagicException extends RuntimeException {
    /** An error whose message says what is wrong and, where possible, what to type instead. */
    public MagicException(String message) {
        super(message);
    }

    /** The same, keeping the cause for the kernel's log. */
    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
