package org.bighead.registry.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix (the API answers 500 and logs it); never shown with SQL. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** True for a unique or foreign-key violation (SQLState class 23, or SQLite's constraint codes). */
    public boolean isConstraintViolation() {
        SQLException e = (SQLException) getCause();
        return (e.getSQLState() != null && e.getSQLState().startsWith("23"))
                || (e.getMessage() != null && e.getMessage().contains("SQLITE_CONSTRAINT"));
    }

    /** True for a value the database refuses (SQLState class 22: too long for its column, a NUL in text…). */
    public boolean isDataException() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith("22");
    }
}
