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
import org.bighead.http.Messages;
import org.bighead.registry.Json;

/**
 * An upload read off the wire: the {@code info} JSON and the {@code bundle} bytes in a temp file, hashed on the
 * way in. Closing deletes the temp file unless it was moved into the artifact store.
 */
public record ReceivedUpload(ObjectNode info, Path file, String sha256, long size) implements AutoCloseable {
    private static final int MAX_INFO_BYTES = 1 << 20;

    /**
     * Reads the two parts, {@code info} and {@code bundle} in either order, from {@code reader}; the bundle goes into a
     * new file in {@code tmpDir}. Anything going wrong midway (a cut-off body, a size limit) deletes the file before
     * the error leaves.
     */
    public static ReceivedUpload read(MultipartReader reader, Path tmpDir, long maxBundleBytes) throws IOException {
        ObjectNode info = null;
        Path file = null;
        String sha256 = null;
        long size = 0;
        try {
            while (info == null || file == null) {
                MultipartReader.Part part = reader.next();
                if (part == null) {
                    throw HttpError.badRequest("the upload has no '" + (info == null ? "info" : "bundle") + "' part: it"
                            + " needs two multipart parts, 'info' (JSON with at least sha256) and 'bundle' (the .bighead"
                            + " file)");
                }
                if ("info".equals(part.name()) && info == null) {
                    info = Json.object(reader.readBody(MAX_INFO_BYTES), "the 'info' part");
                } else if ("bundle".equals(part.name()) && file == null) {
                    Files.createDirectories(tmpDir);
                    file = Files.createTempFile(tmpDir, "upload-", ".bighead");
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                        size = reader.copyBody(out, maxBundleBytes);
                    }
                    sha256 = HexFormat.of().formatHex(digest.digest());
                } else {
                    throw HttpError.badRequest("unexpected multipart part '" + Messages.shorten(part.name(), 80)
                            + "': the upload has two parts, 'info' and 'bundle', once each");
                }
            }
            return new ReceivedUpload(info, file, sha256, size);
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        } catch (NoSuchAlgorithmException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
