package org.bighead.widgets;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.StringJoiner;

/** Python's repr() for the values widgets hold, so a widget's text form reads like ipywidgets'. */
final class Py {
    private Py() {}

    static String repr(Object value) {
        if (value == null) return "None";
        if (value instanceof Boolean b) return b ? "True" : "False";
        if (value instanceof String s) return string(s);
        if (value instanceof Double d) return number(d);
        if (value instanceof Float f) return number(f.doubleValue());
        if (value instanceof byte[] bytes) return bytes(bytes);
        if (value instanceof Collection<?> items) return tuple(items);
        return String.valueOf(value);
    }

    static String tuple(Collection<?> items) {
        StringJoiner text = new StringJoiner(", ", "(", items.size() == 1 ? ",)" : ")");
        items.forEach(item -> text.add(repr(item)));
        return text.toString();
    }

    private static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) out.append('\\').append(c);
                    else if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", (int) c));
                    else if (c == '\u200b') out.append("\\u200b");
                    else out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }

    /** Python's float repr: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String number(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return 1 / d < 0 ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
    }

    private static String bytes(byte[] bytes) {
        StringBuilder out = new StringBuilder("b'");
        int shown = Math.min(bytes.length, 40);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\\' || b == '\'') out.append('\\').append((char) b);
            else if (b >= 0x20 && b < 0x7f) out.append((char) b);
            else out.append(String.format("\\x%02x", b));
        }
        return out.append(bytes.length > 40 ? "...'" : "'").toString();
    }
}
