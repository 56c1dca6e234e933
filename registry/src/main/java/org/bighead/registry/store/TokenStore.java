package org.bighead.registry.store;

import java.util.Locale;
import java.util.Optional;
import org.bighead.registry.Times;

/** API tokens, kept only as their SHA-256: who they belong to and whether they may write. */
public final class TokenStore {
    /** What a token lets its holder do. */
    public enum Scope {
        READ,
        WRITE
    }

    /** The holder of a valid token. */
    public record Holder(String user, Scope scope) {}

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

    /** The holder of the token with this hash, if it is known. */
    public Optional<Holder> find(String tokenSha256) {
        return db.read(c -> Sql.first(
                c,
                "SELECT user_name, scope FROM tokens WHERE token_sha256 = ?",
                rs -> new Holder(rs.getString(1), Scope.valueOf(rs.getString(2).toUpperCase(Locale.ROOT))),
                tokenSha256));
    }
}
