package org.bighead.registry.store;

import java.util.Map;

/**
 * A model as stored: its name and description, its newest version (null before the first) and how many there are,
 * alias → version, and the task of its newest version (null before the first).
 */
public record ModelRow(
        String name,
        String description,
        String createdAt,
        Integer latestVersion,
        int versionCount,
        Map<String, Integer> aliases,
        String task) {}
