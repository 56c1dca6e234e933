package org.bighead.serving;

/**
 * One version of a model, fetched and ready to load: what a {@link ModelSource} hands the server.
 *
 * @param name    the model name in URLs ({@code /v2/models/{name}})
 * @param version the version label shown in responses and metrics ("3" from a registry, a content hash for a file)
 * @param bundle  the {@code .bighead} bytes, read once so a file replaced meanwhile cannot mix two versions
 * @param sha256  hex SHA-256 of {@code bundle}
 * @param origin  where it came from, for log lines (a path, a registry URL)
 * @param trusted whether code the bundle may carry is loaded: from the registry (which checked the uploader's token)
 *     or a file served with {@code --trust-code}
 */
public record ResolvedModel(String name, String version, byte[] bundle, String sha256, String origin, boolean trusted) {

    /** "v3" for registry versions, the bare label otherwise (a content hash reads badly with a v in front). */
    public String displayVersion() {
        return version.chars().allMatch(Character::isDigit) ? "v" + version : version;
    }
}
