package org.bighead.registry.client;

/**
 * How people name a model version: {@code listing-price} (latest), {@code listing-price/3} (version 3) or
 * {@code listing-price@champion} (what the alias points at now). At most one of version and alias is set.
 */
public record ModelRef(String model, Integer version, String alias) {

    /** Parses {@code NAME}, {@code NAME/VERSION} or {@code NAME@ALIAS}; a malformed reference is an IllegalArgumentException. */
    public static ModelRef parse(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("empty model reference: use NAME, NAME/VERSION or NAME@ALIAS");
        }
        int at = ref.indexOf('@');
        int slash = ref.indexOf('/');
        if (at >= 0 && slash >= 0) {
            throw new IllegalArgumentException("model reference '" + ref + "' has both /VERSION and @ALIAS: use one");
        }
        if (at >= 0) {
            String alias = ref.substring(at + 1);
            requireNonEmpty(ref, ref.substring(0, at), alias);
            return new ModelRef(ref.substring(0, at), null, alias);
        }
        if (slash >= 0) {
            String v = ref.substring(slash + 1);
            requireNonEmpty(ref, ref.substring(0, slash), v);
            try {
                int version = Integer.parseInt(v);
                if (version < 1) {
                    throw new NumberFormatException();
                }
                return new ModelRef(ref.substring(0, slash), version, null);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "model reference '" + ref + "': version '" + v + "' is not a positive whole number");
            }
        }
        return new ModelRef(ref, null, null);
    }

    private static void requireNonEmpty(String ref, String name, String rest) {
        if (name.isEmpty() || rest.isEmpty()) {
            throw new IllegalArgumentException(
                    "model reference '" + ref + "' is incomplete: use NAME, NAME/VERSION or NAME@ALIAS");
        }
    }

    @Override
    public String toString() {
        return version != null ? model + "/" + version : alias != null ? model + "@" + alias : model;
    }
}
