package org.bighead.kernel.display;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.Html;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The richest MIME bundle for an object: its own {@link Displayable} bundle (pipelines as SVG, metrics and
 * profiles as Vega-Lite and HTML), Tablesaw tables as HTML, images as PNG, and always {@code text/plain}.
 */
public final class MimeRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int TABLE_ROWS = 20;

    private MimeRenderer() {}

    /** MIME type to data (String, or a JSON tree for JSON types). */
    public static Map<String, Object> render(Object value) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        if (value instanceof Displayable d) {
            for (Map.Entry<String, Object> e : d.mimeBundle().entrySet()) {
                bundle.put(
                        e.getKey(),
                        e.getKey().endsWith("json") && !(e.getValue() instanceof String)
                                ? JSON.valueToTree(e.getValue())
                                : e.getValue());
            }
        } else if (value instanceof Table table) {
            bundle.put("text/html", Html.table(table, TABLE_ROWS));
            bundle.put("text/plain", table.print(TABLE_ROWS));
        } else if (value instanceof Column<?> column) {
            Table table = Table.create(column.name(), column);
            bundle.put("text/html", Html.table(table, TABLE_ROWS));
            bundle.put("text/plain", column.print());
        } else if (value instanceof RenderedImage image) {
            bundle.put("image/png", png(image));
        }
        bundle.putIfAbsent("text/plain", plain(value));
        return bundle;
    }

    /** The bundle as a JSON object for a display_data or execute_result message. */
    public static JsonNode toJson(Map<String, Object> bundle) {
        return JSON.valueToTree(bundle);
    }

    /** JShell-style text: strings quoted, arrays spelled out. */
    public static String plain(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return '"' + escape(s, '"') + '"';
        }
        if (value instanceof Character c) {
            return "'" + escape(String.valueOf(c), '\'') + "'";
        }
        if (value.getClass().isArray()) {
            Object[] boxed = new Object[Array.getLength(value)];
            for (int i = 0; i < boxed.length; i++) boxed[i] = Array.get(value, i);
            return Arrays.deepToString(boxed);
        }
        return String.valueOf(value);
    }

    /** Java source escapes, as JShell prints strings: "say \\"hi\\"\\n". */
    static String escape(String s, char quote) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String png(RenderedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode image as PNG", e);
        }
    }
}
