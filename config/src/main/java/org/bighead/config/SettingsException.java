package org.bighead.config;

/** A configuration file or value that cannot be used; the message says which and what would be valid. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem a person can fix, in one line. */
    public SettingsException(String message) {
        super(message);
    }
}
