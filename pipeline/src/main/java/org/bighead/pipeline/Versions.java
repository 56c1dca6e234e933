package org.bighead.pipeline;

/** Library versions, read from jar manifests with a fallback to the version the build pins. */
final class Versions {
    static final String BIGHEAD = "0.1.0";

    private Versions() {}

    static String of(Class<?> type, String pinned) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? pinned : v;
    }
}
