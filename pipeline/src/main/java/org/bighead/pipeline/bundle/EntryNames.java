package org.bighead.pipeline.bundle;

import org.bighead.pipeline.PipelineException;

/** Which zip entry names a bundle may hold: relative, forward slashes, no "..", no drive letters. */
final class EntryNames {
    private EntryNames() {}

    static boolean isSafe(String name) {
        if (name.isEmpty()
                || name.length() > 512
                || name.startsWith("/")
                || name.contains("\\")
                || name.contains("\0")
                || name.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                return false;
            }
        }
        return true;
    }

    static void check(String fileName) {
        if (!isSafe(fileName) || fileName.contains("/")) {
            throw new PipelineException("stage file name '" + fileName + "' must be a plain file name");
        }
    }
}
