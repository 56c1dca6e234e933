package org.bighead.magics;

/** A {@code %%name args} magic: it owns the whole cell below its first line. Returns a value to show, or null. */
@FunctionalInterface
public interface CellMagic {
    /** Runs with the text after the magic's name and the rest of the cell. */
    Object run(String args, String body, MagicContext context) throws Exception;
}
