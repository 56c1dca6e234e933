package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statement shapes the stores repeat, every parameter bound the same way: a query mapped row by row, a
 * write, and the next number of a per-model sequence.
 */
final class Sql {
    /** Reads one row of a result into a value. */
    @FunctionalInterface
    interface Row<T> {
        /** The value of the current row. */
        T read(ResultSet rs) throws SQLException;
    }

    /** An Integer parameter that may be null (bound as a typed SQL NULL, which PostgreSQL needs). */
    record NullableInt(Integer value) {}

    private Sql() {}

    /** Runs a SELECT with {@code args} bound in order (as {@link #update}); every row through {@code row}. */
    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(s, i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    /** The first row of a SELECT (as {@link #query}), if there is one and {@code row} reads it as non-null. */
    static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(s, i + 1, args[i]);
            }
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        }
    }

    /** An INTEGER column that may be NULL. */
    static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
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
        return first(
                        c,
                        "SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table + " WHERE model = ?",
                        rs -> rs.getInt(1),
                        model)
                .orElseThrow();
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
            throw new IllegalArgumentException(
                    "cannot bind a " + value.getClass().getSimpleName());
        }
    }
}
