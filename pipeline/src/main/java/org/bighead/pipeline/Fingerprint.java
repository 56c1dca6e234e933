package org.bighead.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A SHA-256 of a table's names, types and values: the same data gives the same fingerprint anywhere. */
public final class Fingerprint {
    private Fingerprint() {}

    /** "sha256:" and the hex digest of the table's content. */
    public static String of(Table table) {
        MessageDigest sha = sha256();
        for (Column<?> column : table.columns()) {
            update(sha, column.name());
            update(sha, column.type().name());
            for (int i = 0; i < column.size(); i++) {
                // getString is the canonical text form of every Tablesaw type; missing values are marked apart
                update(sha, column.isMissing(i) ? "\u0000" : column.getString(i));
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
