package org.bighead.registry.client;

/**
 * What registering a bundle gave: the version, and whether it already existed (a version of the model had these
 * very bytes, so the registry answered with it and stored nothing new).
 */
public record Registered(Version version, boolean existing) {}
