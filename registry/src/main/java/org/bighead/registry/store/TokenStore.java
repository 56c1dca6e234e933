package org.bighead.registry.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Optional;
import org.bighead.registry.Times;

/** API tokens, kept only as their SHA-256: who they belong to and whether they may write. */
public final class TokenStore {
    /** What a token lets its holder do. */
    public enum Scope { READ, WRITE }

    /** The holder of a valid token. */
    public record Holder(String user, Scope scope) {
    }

    private final Database db;

    /** Tokens in this database. */
    public TokenStore(Database db) {
        this.db = db;
    }

    /** Remembers a token by its hash (idempotent). */
    public void add(String tokenSha256, String user, Scope scope) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tokens (token_sha256, user_name, scope, created_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (token_sha256) DO NOTHING")) {
                s.setString(1, tokenSha256);
                s.setString(2, user);
                s.setString(3, scope.name().toLowerCase(Locale.ROOT));
                s.setString(4, Times.now());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The holder of the token with this hash, if it is known. */
    public Optional<Holder> find(String tokenSha256) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT user_name, scope FROM tokens WHERE token_sha256 = ?")) {
                s.setString(1, tokenSha256);
                ResultSet rs = s.executeQuery();
                if (!rs.next()) {
                    return Optional.empty();
                }
                Scope scope = Scope.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
                return Optional.of(new Holder(rs.getString(1), scope));
            }
        });
    }
}
