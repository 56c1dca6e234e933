package org.bighead.registry;

import java.util.regex.Pattern;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/**
 * What model names and aliases may be (API.md, Names). A model name becomes part of URLs, artifact keys and
 * file names elsewhere, so it is checked here once, strictly: lowercase ASCII letters, digits, '.', '_', '-',
 * 1–64 characters, starting with a letter or digit, never containing "..". Aliases are shorter, start with a
 * letter (so never all digits) (so {@code model/3} and {@code model@3} cannot be confused).
 */
public final class Names {
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** How much of an untrusted value a registry error message quotes. */
    static final int MAX_QUOTED = 80;

    private Names() {
    }

    /** The name, or a 400 that says what a name may be. */
    public static String model(String name) {
        if (name == null || !MODEL.matcher(name).matches() || name.contains("..")) {
            throw HttpError.badRequest("model name '" + Messages.shorten(name, MAX_QUOTED) + "' is not valid: use 1-64"
                    + " lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        }
        return name;
    }

    /** The alias, or a 400 that says what an alias may be. */
    public static String alias(String alias) {
        if ("history".equals(alias)) {
            throw HttpError.badRequest("alias 'history' is reserved (GET .../aliases/history lists the moves): pick another name");
        }
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw HttpError.badRequest("alias '" + Messages.shorten(alias, MAX_QUOTED) + "' is not valid: use 1-32"
                    + " lowercase letters, digits, '_' or '-', starting with a letter");
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
        throw HttpError.badRequest("version '" + Messages.shorten(text, MAX_QUOTED)
                + "' is not a positive whole number");
    }
}
