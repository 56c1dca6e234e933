package org.bighead.registry.client;

import java.util.List;

/**
 * One input column a version accepts: name, NUMERIC or STRING, the type the training data held ({@code sourceType}:
 * BOOLEAN, INTEGER, DOUBLE, STRING; null on versions registered before it was recorded), whether it may be missing,
 * categories seen.
 */
public record SchemaField(String name, String kind, String sourceType, boolean nullable, List<String> categories) {}
