package org.bighead.registry;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bighead.http.HttpError;
import org.bighead.registry.store.TokenStore;
import org.bighead.registry.store.TokenStore.Holder;
import org.bighead.registry.store.TokenStore.Scope;

/**
 * Bearer tokens (API.md, Auth): reads are open unless {@code --require-read-token}; writes need a write token.
 * No or unknown token → 401; a read token asking to write → 403.
 */
public final class Auth {
    /** Who is asking when reads are open and no token was sent. */
    public static final Holder ANONYMOUS = new Holder("anonymous", Scope.READ);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore tokens;
    private final boolean requireReadToken;

    /** Auth over these tokens. */
    public Auth(TokenStore tokens, boolean requireReadToken) {
        this.tokens = tokens;
        this.requireReadToken = requireReadToken;
    }

    /** The caller of a read endpoint. */
    public Holder reader(Context ctx) {
        Optional<String> token = bearer(ctx);
        if (token.isEmpty() && !requireReadToken) {
            return ANONYMOUS;
        }
        return holder(token);
    }

    /** The caller of a write endpoint: a write token's holder, else 401 or 403. */
    public Holder writer(Context ctx) {
        Holder h = holder(bearer(ctx));
        if (h.scope() != Scope.WRITE) {
            throw new HttpError(
                    403, "this token of '" + h.user() + "' may only read; writing needs a token with write scope");
        }
        return h;
    }

    private Holder holder(Optional<String> token) {
        if (token.isEmpty()) {
            throw new HttpError(
                    401,
                    "this needs a token: send 'Authorization: Bearer <token>'"
                            + " (set BIGHEAD_REGISTRY_TOKEN for the CLI)");
        }
        return tokens.find(sha256(token.get()))
                .orElseThrow(() -> new HttpError(401, "the token sent is not known to this registry"));
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            throw new HttpError(401, "the Authorization header must be 'Bearer <token>'");
        }
        return Optional.of(header.substring(7).trim());
    }

    /** Creates a token for a user and remembers its hash; the token itself is returned only here. */
    public String create(String user, Scope scope) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "bh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.add(sha256(token), user, scope);
        return token;
    }

    /**
     * The admin token in {@code file}: created with mode 0600 on first start, and (re)registered on every start,
     * so the same data folder works against a fresh PostgreSQL database too.
     */
    public void ensureAdminToken(Path file) throws IOException {
        if (!Files.exists(file)) {
            String token = create("admin", Scope.WRITE);
            Path temp = file.resolveSibling("." + file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(
                        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp); // not a POSIX file system
            }
            Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp);
            }
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IOException(file + " is empty: delete it and restart to get a new admin token");
        }
        tokens.add(sha256(token), "admin", Scope.WRITE);
    }

    /** Lowercase hex SHA-256 of a token's UTF-8 bytes. */
    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
