package org.bighead.widgets;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * An image (ipywidgets' {@code Image}, {@code ImageModel}): the encoded bytes travel as a binary buffer, not as
 * base64 text. Replace the bytes to animate: {@code img.value(png(frame))}.
 */
public final class Image extends DOMWidget<Image> {
    private final Trait<byte[]> value = trait("value", Type.BYTES, new byte[0]);
    private final Trait<String> format = trait("format", Type.STRING, "png");
    private final Trait<String> width = trait("width", Type.STRING, "");
    private final Trait<String> height = trait("height", Type.STRING, "");

    /** An empty PNG image. */
    public Image() {
        super(CONTROLS, CONTROLS_VERSION, "ImageModel", CONTROLS, CONTROLS_VERSION, "ImageView");
    }

    /** An image of encoded bytes in {@code format} ("png", "jpeg", "gif", "svg+xml"). */
    public static Image of(byte[] bytes, String format) {
        return new Image().format(format).value(bytes);
    }

    /** An image encoded as PNG. */
    public static Image of(RenderedImage image) {
        return new Image().value(png(image));
    }

    /** The image in a file; the format comes from the extension (".png", ".jpg", ".gif", ".svg"). */
    public static Image fromFile(Path file) {
        try {
            return of(Files.readAllBytes(file), formatOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    /** An image the browser loads from {@code url} (format "url"). */
    public static Image fromUrl(String url) {
        return of(url.getBytes(StandardCharsets.UTF_8), "url");
    }

    /** PNG bytes of a Java image. */
    public static byte[] png(RenderedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode image as PNG", e);
        }
    }

    private static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "jpg", "jpeg" -> "jpeg";
            case "svg" -> "svg+xml";
            case "png", "gif", "webp", "bmp" -> ext;
            default ->
                throw new IllegalArgumentException(
                        "cannot tell the image format of " + file + "; use Image.of(bytes, format)");
        };
    }

    /** The encoded bytes (a copy). */
    public byte[] value() {
        return value.get();
    }

    /** Replaces the encoded bytes (copied). */
    public Image value(byte[] bytes) {
        set(value, bytes);
        return this;
    }

    /** The format: "png", "jpeg", "gif", "svg+xml" or "url". */
    public String format() {
        return format.get();
    }

    /** Sets the format. */
    public Image format(String value) {
        set(format, value);
        return this;
    }

    /** Sets the width in pixels ("" for natural); use layout().width(..) for CSS sizes. */
    public Image width(String value) {
        set(width, value);
        return this;
    }

    /** Sets the height in pixels ("" for natural). */
    public Image height(String value) {
        set(height, value);
        return this;
    }
}
