package org.bighead.environments.catalog;

/**
 * A catalog entry or a derived environment that is not valid, with a one-line message naming the file, the field and
 * what is allowed.
 */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }
}
