package org.bighead.magics;

/** A {@code %name args} magic: one line. Returns a value to show as the cell's result, or null. */
@FunctionalInterface
public interface LineMagic {
    /** Runs with the text after the magic's name. */
    Object run(String args, MagicContext context) throws Exception;
}
