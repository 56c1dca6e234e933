package org.bighead.registry;

import java.util.regex.Pattern;

/**
 * What model names and aliases may be (API.md, Names). A model name becomes part of URLs, artifact keys and
 * file names elsewhere, so it is checked here once, strictly: lowercase ASCII letters, digits, '.', '_', '-',
 * 1–64 characters, starting with a letter or digit, never containing "..". Aliases are shorter, start with a
 * letter (so never all digits) (so {@code model/3} and {@code model@3} cannot be confused).
 */
public final class Names {
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private Names() {
    }

    /** The name, or a 400 that says what a name may be. */
    public static String model(String name) {
        if (name == null || !MODEL.matcher(name).matches() || name.contains("..")) {
            throw ApiException.badRequest("model name '" + shorten(name) + "' is not valid: use 1-64 lowercase letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        }
        return name;
    }

    /** The alias, or a 400 that says what an alias may be. */
    public static String alias(String alias) {
        if ("history".equals(alias)) {
            throw ApiException.badRequest("alias 'history' is reserved (GET .../aliases/history lists the moves): pick another name");
        }
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw ApiException.badRequest("alias '" + shorten(alias) + "' is not valid: use 1-32 lowercase letters,"
                    + " digits, '_' or '-', starting with a letter");
        }
        return alias;
    }

    /** A version number from a path or query, or a 400. */
    public static int version(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("version '" + shorten(text) + "' is not a positive whole number");
    }

    /** Untrusted text cut to a length that fits in a message, with control characters made visible. */
    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? "?" : new String(Character.toChars(c)))
                .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append).toString();
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }
}
