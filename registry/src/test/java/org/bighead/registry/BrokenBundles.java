package org.bighead.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A real bundle with one JSON entry edited and its manifest hash updated: passes the manifest check, broken inside. */
final class BrokenBundles {
    private BrokenBundles() {}

    /** {@link TestBundles#first()} with {@code entry} (e.g. "metadata.json") changed by {@code edit}, written to {@code target}. */
    static Path edited(String entry, Consumer<ObjectNode> edit, Path target) {
        try {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(TestBundles.first()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    entries.put(e.getName(), zip.readAllBytes());
                }
            }
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(entries.get(entry));
            edit.accept(json);
            entries.put(entry, Json.MAPPER.writeValueAsBytes(json));
            ObjectNode manifest = (ObjectNode) Json.MAPPER.readTree(entries.get("MANIFEST.json"));
            ((ObjectNode) manifest.get("entries")).put(entry, sha256(entries.get(entry)));
            entries.put("MANIFEST.json", Json.MAPPER.writeValueAsBytes(manifest));
            try (OutputStream file = Files.newOutputStream(target);
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
