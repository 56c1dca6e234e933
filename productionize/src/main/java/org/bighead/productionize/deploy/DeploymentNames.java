package org.bighead.productionize.deploy;

import java.util.regex.Pattern;

/**
 * A deployment's name is a state file's name, a container's name and a Kubernetes object's name at once, so it is
 * what all three accept: an RFC 1035 label (lower-case letters, digits and '-', starting with a letter, ending with
 * a letter or digit) of at most {@value #MAX} characters ("bighead-deploy-" + name stays a valid container name).
 */
public final class DeploymentNames {
    public static final int MAX = 40;
    private static final Pattern LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private DeploymentNames() {}

    /** {@code name} when it is valid; a one-line message saying what is wrong and what is valid otherwise. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new DeploymentException("a deployment needs a name (lower-case letters, digits and '-')");
        }
        if (name.length() > MAX) {
            throw new DeploymentException(
                    "deployment name '" + name + "' is " + name.length() + " characters long; at most " + MAX);
        }
        if (!LABEL.matcher(name).matches()) {
            throw new DeploymentException("deployment name '" + name + "' is not valid: use lower-case letters,"
                    + " digits and '-', starting with a letter and ending with a letter or digit (e.g. listing-price)");
        }
        return name;
    }

    /** A valid deployment name made from a model name ({@code Listing_Price} → {@code listing-price}). */
    public static String fromModel(String model) {
        String name = model.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^[^a-z]+", "")
                .replaceAll("-+$", "");
        if (name.length() > MAX) {
            name = name.substring(0, MAX).replaceAll("-+$", "");
        }
        return name.isEmpty() ? "model" : name;
    }
}
