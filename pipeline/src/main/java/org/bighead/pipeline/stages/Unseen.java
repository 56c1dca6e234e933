package org.bighead.pipeline.stages;

/** What an encoder does with a category it never saw in training. */
public enum Unseen {
    /** Encode as "none of the known categories" (all one-hot columns 0, ordinal -1). */
    IGNORE,
    /** Refuse the row with a message naming the column and the value (strict online validation). */
    ERROR
}
