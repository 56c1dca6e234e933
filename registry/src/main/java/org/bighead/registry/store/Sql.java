package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The two statement shapes the store repeats: a write with bound parameters, and the next number of a sequence. */
final class Sql {
    /** An Integer parameter that may be null (bound as a typed SQL NULL, which PostgreSQL needs). */
    record NullableInt(Integer value) {
    }

    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE with {@code args} bound in order: String (null allowed), Integer, Long, NullableInt. */
    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(s, i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    /** {@code MAX(column) + 1} of the model's rows in {@code table} (1 for the first); table and column are ours, never input. */
    static int next(Connection c, String table, String column, String model) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table + " WHERE model = ?")) {
            s.setString(1, model);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        if (value == null || value instanceof String) {
            s.setString(index, (String) value);
        } else if (value instanceof Integer i) {
            s.setInt(index, i);
        } else if (value instanceof Long l) {
            s.setLong(index, l);
        } else if (value instanceof NullableInt n) {
            if (n.value() == null) {
                s.setNull(index, Types.INTEGER);
            } else {
                s.setInt(index, n.value());
            }
        } else {
            throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName());
        }
    }
}
