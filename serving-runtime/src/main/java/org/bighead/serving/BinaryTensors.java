package org.bighead.serving;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.bighead.http.HttpError;

/**
 * The binary tensor data extension of the Open Inference Protocol, as Triton's clients speak it: a request body is
 * a JSON header of {@code Inference-Header-Content-Length} bytes followed by each binary input's raw bytes, in the
 * order of the inputs, each {@code parameters.binary_data_size} long. Elements are little-endian; BOOL is one byte;
 * BYTES is a 4-byte length then that many bytes, per element. Responses use the same layout for outputs requested
 * with {@code parameters.binary_data: true}.
 */
final class BinaryTensors {
    /** The request and response header that gives the JSON part's length. */
    static final String HEADER = "Inference-Header-Content-Length";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BinaryTensors() {}

    /** Bytes per element of {@code datatype}, or 0 for BYTES (variable length). */
    static int elementSize(String datatype) {
        return switch (datatype) {
            case "BOOL", "INT8", "UINT8" -> 1;
            case "INT16", "UINT16", "FP16" -> 2;
            case "INT32", "UINT32", "FP32" -> 4;
            case "INT64", "UINT64", "FP64" -> 8;
            default -> 0;
        };
    }

    /**
     * The next {@code size} bytes of {@code data} (positioned at them, little-endian) decoded as elements of
     * {@code datatype}, as JSON values: numbers, booleans or strings. A size that does not fit the data or the
     * element size is a 400 naming the input.
     */
    static ArrayNode read(String input, String datatype, long size, ByteBuffer data) {
        if (size > data.remaining()) {
            throw HttpError.badRequest("input '" + input + "': binary_data_size is " + size + " bytes but only "
                            + data.remaining() + " bytes of binary data are left after the inputs before it")
                    .with("column", input);
        }
        ByteBuffer bytes = data.slice(data.position(), (int) size).order(ByteOrder.LITTLE_ENDIAN);
        data.position(data.position() + (int) size);
        int width = elementSize(datatype);
        if (width == 0) {
            return strings(input, bytes);
        }
        if (size % width != 0) {
            throw HttpError.badRequest("input '" + input + "': binary_data_size " + size + " is not a multiple of "
                            + width + " bytes, the size of one " + datatype)
                    .with("column", input);
        }
        ArrayNode out = NODES.arrayNode((int) (size / width));
        while (bytes.hasRemaining()) {
            switch (datatype) {
                case "BOOL" -> out.add(bytes.get() != 0);
                case "INT8" -> out.add(bytes.get());
                case "UINT8" -> out.add(Byte.toUnsignedInt(bytes.get()));
                case "INT16" -> out.add(bytes.getShort());
                case "UINT16" -> out.add(Short.toUnsignedInt(bytes.getShort()));
                case "FP16" -> out.add(halfToFloat(bytes.getShort()));
                case "INT32" -> out.add(bytes.getInt());
                case "UINT32" -> out.add(Integer.toUnsignedLong(bytes.getInt()));
                case "FP32" -> out.add(bytes.getFloat());
                case "INT64" -> out.add(bytes.getLong());
                case "UINT64" -> out.add(new BigInteger(Long.toUnsignedString(bytes.getLong())));
                default -> out.add(bytes.getDouble());
            }
        }
        return out;
    }

    private static ArrayNode strings(String input, ByteBuffer bytes) {
        ArrayNode out = NODES.arrayNode();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (bytes.hasRemaining()) {
            if (bytes.remaining() < 4) {
                throw HttpError.badRequest("input '" + input + "': a BYTES element needs a 4-byte length, but "
                                + bytes.remaining() + " bytes are left")
                        .with("column", input);
            }
            long length = Integer.toUnsignedLong(bytes.getInt());
            if (length > bytes.remaining()) {
                throw HttpError.badRequest("input '" + input + "': element " + out.size() + " says " + length
                                + " bytes, but " + bytes.remaining() + " are left in its binary_data_size")
                        .with("column", input);
            }
            ByteBuffer element = bytes.slice(bytes.position(), (int) length);
            bytes.position(bytes.position() + (int) length);
            try {
                out.add(decoder.decode(element).toString());
            } catch (CharacterCodingException e) {
                throw HttpError.badRequest("input '" + input + "': element " + out.size() + " is not UTF-8 text")
                        .with("column", input);
            }
        }
        return out;
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat is Java 20+). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float value = mantissa / 1024f / 16384f; // subnormal: mantissa × 2^-24
            return sign != 0 ? -value : value;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    /** {@code values} as FP64 elements, little-endian. */
    static byte[] doubles(double[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }

    /** {@code values} as BYTES elements: each a 4-byte little-endian length, then its UTF-8 bytes. */
    static byte[] strings(String[] values) {
        byte[][] encoded = new byte[values.length][];
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
            total += 4 + encoded[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] e : encoded) {
            out.putInt(e.length).put(e);
        }
        return out.array();
    }
}
