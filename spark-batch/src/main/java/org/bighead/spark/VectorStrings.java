package org.bighead.spark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The Java strings of one string column's vectors, as {@code UTF8String.toString()} makes them, for less: a value
 * of a dictionary-encoded vector (Parquet's way with a column of few distinct values: a neighbourhood, a room type)
 * becomes a String once per dictionary entry, and any other value with one copy of its bytes instead of two. One
 * instance per column and thread.
 */
final class VectorStrings {
    // Strings by dictionary id, with the bytes each was made from: a dictionary changes between row groups, so an
    // entry counts only while its bytes are the vector's
    private UTF8String[] keys = new UTF8String[0];
    private String[] strings = new String[0];

    /** The value at {@code row} (not null there) as a String. */
    String get(ColumnVector vector, int row) {
        UTF8String value = vector.getUTF8String(row);
        if (vector instanceof WritableColumnVector w && w.hasDictionary()) {
            int id = w.getDictionaryIds().getDictId(row);
            if (id >= 0 && id < 1 << 16) {
                return cached(id, value);
            }
        }
        return string(value);
    }

    private String cached(int id, UTF8String value) {
        if (id >= keys.length) {
            int size = Math.max(id + 1, 2 * keys.length);
            keys = Arrays.copyOf(keys, size);
            strings = Arrays.copyOf(strings, size);
        }
        if (keys[id] == null || !keys[id].equals(value)) {
            keys[id] = value.copy();
            strings[id] = string(value);
        }
        return strings[id];
    }

    // UTF8String.toString() copies the bytes out, then decodes the copy; decoding them where they are is the same
    private static String string(UTF8String value) {
        if (value.getBaseObject() instanceof byte[] bytes) {
            long offset = value.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET;
            return new String(bytes, (int) offset, value.numBytes(), StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
