package org.bighead.registry.store;

import java.util.Locale;
import java.util.Optional;
import org.bighead.registry.Times;

/**
 * API tokens, kept only as their SHA-256: who they belong to and what they may do. A job run's token (scope
 * {@link Scope#RUN}) also names its run and what it may write, and is valid only while that attempt is running and
 * before it expires.
 */
public final class TokenStore {
    /** What a token lets its holder do. */
    public enum Scope {
        READ,
        WRITE,
        /** A job run's own token: read, and write only what {@link RunGrant} names. */
        RUN
    }

    /**
     * What a job run's token is for: the run (job, logical time, attempt) and the model whose versions it may
     * register and the alias of it it may move (either null: none).
     */
    public record RunGrant(String job, String logicalTime, int attempt, String model, String alias) {
        /** The token's user, as recorded on what it writes. */
        public String user() {
            return "job:" + job;
        }
    }

    /** The holder of a valid token; {@code run} is set for (only) a job run's token. */
    public record Holder(String user, Scope scope, RunGrant run) {
        /** A holder of a read or write token. */
        public Holder(String user, Scope scope) {
            this(user, scope, null);
        }
    }

    private final Database db;

    /** Tokens in this database. */
    public TokenStore(Database db) {
        this.db = db;
    }

    /** Remembers a token by its hash (idempotent). */
    public void add(String tokenSha256, String user, Scope scope) {
        db.write(c -> {
            Sql.update(
                    c,
                    "INSERT INTO tokens (token_sha256, user_name, scope, created_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (token_sha256) DO NOTHING",
                    tokenSha256,
                    user,
                    scope.name().toLowerCase(Locale.ROOT),
                    Times.now());
            return null;
        });
    }

    /** Remembers a job run's token until {@code expiresAt}; run tokens expired before now are dropped meanwhile. */
    public void addRun(String tokenSha256, RunGrant grant, String expiresAt) {
        db.write(c -> {
            String now = Times.now();
            Sql.update(c, "DELETE FROM tokens WHERE scope = 'run' AND expires_at < ?", now);
            Sql.update(
                    c,
                    "INSERT INTO tokens (token_sha256, user_name, scope, created_at, job_name, logical_time,"
                            + " attempt, model, alias, expires_at) VALUES (?, ?, 'run', ?, ?, ?, ?, ?, ?, ?)",
                    tokenSha256,
                    grant.user(),
                    now,
                    grant.job(),
                    grant.logicalTime(),
                    grant.attempt(),
                    grant.model(),
                    grant.alias(),
                    expiresAt);
            return null;
        });
    }

    /** Revokes the tokens of a job's run at {@code logicalTime} (every attempt): the run ended. */
    public void revokeRun(String job, String logicalTime) {
        db.write(c -> Sql.update(
                c, "DELETE FROM tokens WHERE scope = 'run' AND job_name = ? AND logical_time = ?", job, logicalTime));
    }

    /**
     * The holder of the token with this hash, if it is known and valid at {@code now}: a job run's token only while
     * the attempt it was minted for is running and before it expires.
     */
    public Optional<Holder> find(String tokenSha256, String now) {
        return db.read(c -> Sql.first(
                        c,
                        "SELECT t.user_name, t.scope, t.job_name, t.logical_time, t.attempt, t.model, t.alias,"
                                + " t.expires_at, r.status, r.attempt FROM tokens t LEFT JOIN job_runs r ON"
                                + " r.job_name = t.job_name AND r.logical_time = t.logical_time WHERE"
                                + " t.token_sha256 = ?",
                        rs -> {
                            Scope scope = Scope.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
                            if (scope != Scope.RUN) {
                                return Optional.of(new Holder(rs.getString(1), scope));
                            }
                            boolean live = rs.getString(8) != null
                                    && rs.getString(8).compareTo(now) > 0
                                    && "running".equals(rs.getString(9))
                                    && rs.getInt(10) == rs.getInt(5);
                            return live
                                    ? Optional.of(new Holder(
                                            rs.getString(1),
                                            scope,
                                            new RunGrant(
                                                    rs.getString(3),
                                                    rs.getString(4),
                                                    rs.getInt(5),
                                                    rs.getString(6),
                                                    rs.getString(7))))
                                    : Optional.<Holder>empty();
                        },
                        tokenSha256))
                .flatMap(h -> h);
    }
}
