package org.bighead.registry.upload;

import org.bighead.registry.store.VersionRow;

/** A registration's answer: the version, and whether it already held these bytes (nothing new was stored). */
public record Registered(VersionRow version, boolean existing) {}
