package org.bighead.registry.client;

/** One move of an alias: from a version (null on the first move) to a version (null when deleted), by whom, why. */
public record AliasMove(
        String model, String alias, Integer fromVersion, Integer toVersion, String movedBy, String at, String reason) {}
