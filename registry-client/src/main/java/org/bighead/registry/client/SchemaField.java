package org.bighead.registry.client;

import java.util.List;

/** One input column a version accepts: name, NUMERIC or STRING, whether it may be missing, categories seen. */
public record SchemaField(String name, String kind, boolean nullable, List<String> categories) {}
