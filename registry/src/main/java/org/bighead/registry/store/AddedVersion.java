package org.bighead.registry.store;

/** The outcome of adding a version: its number, and whether it already existed with the same bundle bytes. */
public record AddedVersion(int version, boolean existing) {}
