package org.bighead.registry;

import java.util.regex.Pattern;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/**
 * What model names and aliases may be (API.md, Names). A model name becomes part of URLs, artifact keys and
 * file names elsewhere, so it is checked here once, strictly: lowercase ASCII letters, digits, '.', '_', '-',
 * 1–64 characters, starting with a letter or digit, never containing "..". Aliases are shorter, start with a
 * letter (so never all digits) (so {@code model/3} and {@code model@3} cannot be confused). Environment names
 * (derived environments, {@code bighead env create}) start with a letter and have no '.'.
 */
public final class Names {
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    /** 1 to 2147483647 in ASCII digits (leading zeros allowed), as the OpenAPI document says. */
    public static final String VERSION_REGEX = "0*(?:[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}"
            + "|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}"
            + "|21474836[0-3][0-9]|214748364[0-7])";

    private static final Pattern VERSION = Pattern.compile(VERSION_REGEX);
    /** How much of an untrusted value a registry error message quotes. */
    static final int MAX_QUOTED = 80;

    private Names() {}

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
            throw HttpError.badRequest(
                    "alias 'history' is reserved (GET .../aliases/history lists the moves): pick another name");
        }
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw HttpError.badRequest("alias '" + Messages.shorten(alias, MAX_QUOTED) + "' is not valid: use 1-32"
                    + " lowercase letters, digits, '_' or '-', starting with a letter");
        }
        return alias;
    }

    /** What an environment name may be, as the 400s say it. */
    public static final String ENVIRONMENT_RULE =
            "use 1-63 lowercase letters, digits, '_' or '-', starting with a letter";

    /**
     * An environment's name, or a 400 that says what one may be: 1-63 lowercase letters, digits, '_' or '-',
     * starting with a letter (it becomes part of image names and tags).
     */
    public static String environment(String name) {
        if (!isEnvironment(name)) {
            throw HttpError.badRequest(
                    "environment name '" + Messages.shorten(name, MAX_QUOTED) + "' is not valid: " + ENVIRONMENT_RULE);
        }
        return name;
    }

    /** Whether {@code name} is a valid environment name. */
    public static boolean isEnvironment(String name) {
        return name != null && ENVIRONMENT.matcher(name).matches();
    }

    /** A value shortened for quoting in an error message. */
    public static String quoted(String value) {
        return "'" + Messages.shorten(value, MAX_QUOTED) + "'";
    }

    /** A version number from a path or query (ASCII digits, 1 to 2147483647), or a 400. */
    public static int version(String text) {
        if (text == null || !VERSION.matcher(text).matches()) {
            throw HttpError.badRequest("version '" + Messages.shorten(text, MAX_QUOTED)
                    + "' is not a whole number from 1 to " + Integer.MAX_VALUE);
        }
        return Integer.parseInt(text);
    }
}
