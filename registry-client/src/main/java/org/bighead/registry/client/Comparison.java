package org.bighead.registry.client;

import java.util.List;
import java.util.Map;

/** Versions side by side: metric (or param) name → version number as text → value. */
public record Comparison(
        List<Integer> versions, Map<String, Map<String, Double>> metrics, Map<String, Map<String, String>> params) {}
