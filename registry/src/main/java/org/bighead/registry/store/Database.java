package org.bighead.registry.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * Connections to SQLite or PostgreSQL, migrated by Flyway, and the two ways to use them: {@link #read} in
 * autocommit, {@link #write} in one transaction that holds a model for the caller (see {@link #lockModel}).
 *
 * <p>SQLite runs in WAL mode (readers never block the writer) with {@code synchronous=FULL}: the registry answers
 * "version 7 registered" only once that row would survive a power cut, and registrations are rare enough that
 * the extra fsync per commit costs nothing anyone sees. Writers in this process queue on a fair lock before
 * {@code BEGIN IMMEDIATE}, so they wait in order instead of polling SQLite's busy handler; busy_timeout covers
 * another process on the same file.
 */
public final class Database implements AutoCloseable {
    /** The database kinds the registry speaks. */
    public enum Vendor {
        SQLITE,
        POSTGRESQL
    }

    private static final int POOL_SIZE = 8;
    private static final long WAIT_SECONDS = 30;

    private final String url;
    private final String user;
    private final String password;
    private final Vendor vendor;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Semaphore permits = new Semaphore(POOL_SIZE, true);
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    private Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        if (url.startsWith("jdbc:sqlite:")) {
            vendor = Vendor.SQLITE;
        } else if (url.startsWith("jdbc:postgresql:")) {
            vendor = Vendor.POSTGRESQL;
        } else {
            throw new IllegalArgumentException("database URL must start with jdbc:sqlite: or jdbc:postgresql:, got "
                    + url.replaceAll("password=[^&]*", "password=***"));
        }
    }

    /** Opens the database and brings its schema to the newest migration. */
    public static Database open(String url, String user, String password) throws SQLException {
        Database db = new Database(url, user, password);
        if (db.vendor == Vendor.SQLITE) {
            // WAL is a property of the file: set it before Flyway's first connection
            db.connect().close(); // connect() applied the pragmas
        }
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:org/bighead/registry/db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
        return db;
    }

    /** SQLite or PostgreSQL. */
    public Vendor vendor() {
        return vendor;
    }

    /** Runs work in autocommit mode (reads). */
    public <T> T read(SqlWork<T> work) {
        return withConnection(c -> work.run(c));
    }

    /** Runs work in one write transaction: all of it commits, or none of it. */
    public <T> T write(SqlWork<T> work) {
        if (vendor == Vendor.SQLITE) {
            lockInterruptibly();
            try {
                return withConnection(c -> {
                    exec(c, "BEGIN IMMEDIATE");
                    return finish(c, work, () -> exec(c, "COMMIT"), () -> exec(c, "ROLLBACK"));
                });
            } finally {
                sqliteWriter.unlock();
            }
        }
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                return finish(c, work, c::commit, c::rollback);
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /**
     * Inside {@link #write}: makes sure the model row exists and holds it until commit, so version numbers and
     * alias moves of one model are allocated one transaction at a time. SQLite's BEGIN IMMEDIATE already holds
     * the whole database; PostgreSQL locks just this row.
     */
    public void lockModel(Connection c, String model) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM models WHERE name = ? FOR UPDATE")) {
                s.setString(1, model);
                s.executeQuery().close();
            }
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static <T> T finish(Connection c, SqlWork<T> work, SqlAction commit, SqlAction rollback)
            throws SQLException {
        boolean done = false;
        try {
            T result = work.run(c);
            commit.run();
            done = true;
            return result;
        } finally {
            if (!done) {
                try {
                    rollback.run();
                } catch (SQLException ignored) {
                    // the first error is the one to report; a failed rollback ends with the connection
                }
            }
        }
    }

    private void lockInterruptibly() {
        try {
            if (!sqliteWriter.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Busy("the registry database is busy; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for the registry database");
        }
    }

    private <T> T withConnection(SqlWork<T> work) {
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Busy("all registry database connections are busy; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for a database connection");
        }
        Connection c = null;
        boolean healthy = false;
        try {
            c = idle.poll();
            if (c == null) {
                c = connect();
            }
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            // a constraint or data error leaves the connection fine; anything else may not
            healthy = e.getSQLState() != null && e.getSQLState().startsWith("23");
            throw new StoreException(e);
        } catch (RuntimeException e) {
            healthy = true; // our own refusal (404, 409…): the transaction was rolled back, the connection is fine
            throw e;
        } finally {
            release(c, healthy);
            permits.release();
        }
    }

    private void release(Connection c, boolean healthy) {
        if (c == null) {
            return;
        }
        if (healthy && idle.offer(c)) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        if (vendor == Vendor.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA foreign_keys=ON");
            }
        }
        return c;
    }

    private static Void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return null;
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // shutting down
            }
        }
    }

    /** No connection or lock within the deadline: the API answers 503. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }
}
