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
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bighead.http.HttpError;
import org.bighead.registry.jobs.RunTokens;
import org.bighead.registry.store.TokenStore;
import org.bighead.registry.store.TokenStore.Holder;
import org.bighead.registry.store.TokenStore.RunGrant;
import org.bighead.registry.store.TokenStore.Scope;

/**
 * Bearer tokens (API.md, Auth): reads are open unless {@code --require-read-token}; writes need a write token.
 * No or unknown token → 401; a read token asking to write → 403. A job run's token ({@link RunTokens}) reads, and
 * writes only versions of its job's model and the alias its job promotes to; anything else → 403.
 */
public final class Auth implements RunTokens {
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
            throw refused(h, "this");
        }
        return h;
    }

    /** The caller registering a version of {@code model}: a write token, or the token of a run of a job on it. */
    public Holder versionWriter(Context ctx, String model) {
        Holder h = holder(bearer(ctx));
        if (h.scope() == Scope.WRITE || (h.run() != null && model.equals(h.run().model()))) {
            return h;
        }
        throw refused(h, "registering a version of '" + model + "'");
    }

    /** The caller moving {@code model}'s {@code alias}: a write token, or the token of a job run promoting to it. */
    public Holder aliasWriter(Context ctx, String model, String alias) {
        Holder h = holder(bearer(ctx));
        if (h.scope() == Scope.WRITE
                || (h.run() != null
                        && model.equals(h.run().model())
                        && alias.equals(h.run().alias()))) {
            return h;
        }
        throw refused(h, "moving alias '" + alias + "' of '" + model + "'");
    }

    private static HttpError refused(Holder h, String what) {
        if (h.run() == null) {
            return new HttpError(
                    403, "this token of '" + h.user() + "' may only read; writing needs a token with write scope");
        }
        RunGrant g = h.run();
        String may = g.model() == null
                ? "only read"
                : "only read, register versions of '" + g.model() + "'"
                        + (g.alias() == null ? "" : " and move its alias '" + g.alias() + "'");
        return new HttpError(
                403,
                "the token of job run " + g.job() + "@" + g.logicalTime() + " may " + may + ": " + what
                        + " needs a token with write scope");
    }

    @Override
    public String mint(RunGrant grant, Instant expiresAt) {
        String token = newToken();
        tokens.addRun(sha256(token), grant, Times.format(expiresAt));
        return token;
    }

    @Override
    public void revoke(String job, String logicalTime) {
        tokens.revokeRun(job, logicalTime);
    }

    private Holder holder(Optional<String> token) {
        if (token.isEmpty()) {
            throw new HttpError(
                    401,
                    "this needs a token: send 'Authorization: Bearer <token>'"
                            + " (set BIGHEAD_REGISTRY_TOKEN for the CLI)");
        }
        return tokens.find(sha256(token.get()), Times.now())
                .orElseThrow(() -> new HttpError(
                        401, "the token sent is not known to this registry (a job run's token ends with its run)"));
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
        String token = newToken();
        tokens.add(sha256(token), user, scope);
        return token;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "bh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
