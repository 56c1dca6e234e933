package org.bighead.pipeline;

/** How a column's values travel through a pipeline: as numbers (missing = NaN) or as strings (missing = null). */
public enum Kind {
    NUMERIC,
    STRING
}
