package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection, inside a transaction or not. */
@FunctionalInterface
public interface SqlWork<T> {
    /** Does the work. */
    T run(Connection connection) throws SQLException;
}
