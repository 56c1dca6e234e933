package org.bighead.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a typed path points: a URL ({@code s3a://bucket/x}, {@code hdfs://…}) as it is, a local path from the folder
 * it was typed in. The magics, the export's schedule lines and batch scoring read paths this way, so a path means
 * the same wherever it is typed.
 */
public final class Locations {
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private Locations() {}

    /** Whether {@code path} is a URL ({@code scheme://…}) rather than a local path. */
    public static boolean isUrl(String path) {
        return URL.matcher(path).matches();
    }

    /** A URL as it is; a local path made absolute from {@code dir} (an absolute one stays), normalized. */
    public static String resolve(String path, Path dir) {
        return isUrl(path) ? path : dir.resolve(path).normalize().toString();
    }
}
