package org.bighead.registry.upload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bighead.http.HttpError;
import org.bighead.registry.Json;

/**
 * An upload read off the wire: the {@code info} JSON and the {@code bundle} bytes in a temp file, hashed on the
 * way in. Closing deletes the temp file unless it was moved into the artifact store.
 */
public record ReceivedUpload(ObjectNode info, Path file, String sha256, long size) implements AutoCloseable {
    private static final int MAX_INFO_BYTES = 1 << 20;

    /**
     * Reads the two parts in order (info, then bundle) from {@code reader} into a new file in {@code tmpDir}.
     * Anything going wrong midway (a cut-off body, a size limit) deletes the file before the error leaves.
     */
    public static ReceivedUpload read(MultipartReader reader, Path tmpDir, long maxBundleBytes) throws IOException {
        MultipartReader.Part part = reader.next();
        if (part == null || !"info".equals(part.name())) {
            throw HttpError.badRequest("the first multipart part must be 'info' (JSON with at least sha256), got "
                    + (part == null ? "none" : "'" + part.name() + "'"));
        }
        ObjectNode info = Json.object(reader.readBody(MAX_INFO_BYTES), "the 'info' part");
        part = reader.next();
        if (part == null || !"bundle".equals(part.name())) {
            throw HttpError.badRequest("the second multipart part must be 'bundle' (the .bighead file), got "
                    + (part == null ? "none" : "'" + part.name() + "'"));
        }
        Files.createDirectories(tmpDir);
        Path file = Files.createTempFile(tmpDir, "upload-", ".bighead");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                size = reader.copyBody(out, maxBundleBytes);
            }
            return new ReceivedUpload(info, file, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
