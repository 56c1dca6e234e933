package org.bighead.registry.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix (the API answers 500 and logs it); never shown with SQL. */
public final class StoreException extends RuntimeException {
    StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** True for a unique or foreign-key violation (SQLState class 23, or SQLite's constraint codes). */
    public boolean isConstraintViolation() {
        SQLException e = (SQLException) getCause();
        return (e.getSQLState() != null && e.getSQLState().startsWith("23"))
                || (e.getMessage() != null && e.getMessage().contains("SQLITE_CONSTRAINT"));
    }
}
