package org.bighead.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the setting behind a picocli option when it is not {@code SCOPE.OPTION} — for a setting several commands
 * share, e.g. {@code @Setting("registry.url")} on {@code serve --registry}, or a name kept for compatibility.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Setting {
    /** The setting's key, e.g. {@code registry.url} (environment variable {@code BIGHEAD_REGISTRY_URL}). */
    String value();
}
