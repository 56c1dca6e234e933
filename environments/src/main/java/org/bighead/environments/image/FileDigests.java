package org.bighead.environments.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, remembered by path, size and modification time in a small TSV file, so that an unchanged build
 * does not read ~200 MB of jars again to learn that nothing changed.
 */
public final class FileDigests {
    private final Path cacheFile;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private boolean dirty;

    /** Digests remembered in {@code cacheFile} (created on {@link #save()}); {@code null} remembers nothing. */
    public FileDigests(Path cacheFile) {
        this.cacheFile = cacheFile;
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            try {
                for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
                    int tab = line.lastIndexOf('\t');
                    if (tab > 0) {
                        cache.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            } catch (IOException e) {
                cache.clear(); // a cache only: start over
            }
        }
    }

    public String sha256(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            String key = file.toAbsolutePath() + "\t" + attrs.size() + "\t"
                    + attrs.lastModifiedTime().toMillis();
            String known = cache.get(key);
            if (known != null) {
                return known;
            }
            String digest = compute(file);
            cache.put(key, digest);
            synchronized (this) {
                dirty = true;
            }
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the remembered digests (atomically) when any was added. */
    public synchronized void save() {
        if (cacheFile == null || !dirty) {
            return;
        }
        try {
            Files.createDirectories(cacheFile.getParent());
            Map<String, String> sorted = new LinkedHashMap<>();
            cache.keySet().stream().sorted().forEach(k -> sorted.put(k, cache.get(k)));
            List<String> lines = sorted.entrySet().stream()
                    .map(e -> e.getKey() + "\t" + e.getValue())
                    .toList();
            Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            // a cache only: the next build reads the files again
        }
    }

    private static String compute(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
