package org.bighead.pipeline;

import java.util.Arrays;

/**
 * One row in flight through a compiled pipeline. Reused from row to row, so scoring allocates nothing.
 * Missing numbers are NaN, missing strings null.
 */
public final class RowBuffer {
    /** Numeric slots, see {@link Layout#numeric(String)}. */
    public final double[] num;
    /** String slots, see {@link Layout#string(String)}. */
    public final String[] str;

    RowBuffer(int numeric, int strings) {
        this.num = new double[numeric];
        this.str = new String[strings];
    }

    /** Marks every slot missing. */
    public void clear() {
        Arrays.fill(num, Double.NaN);
        Arrays.fill(str, null);
    }
}
