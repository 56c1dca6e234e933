package org.bighead.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Javadoc comment as plain text for the inspect panel (JupyterLab shows text/plain): inline tags as the words
 * they stand for, HTML as paragraphs and list items, then the parameters, the result and the exceptions.
 */
final class JavadocText {
    private static final Pattern INLINE = Pattern.compile("\\{@(\\w+)\\s*([^{}]*)}");

    private JavadocText() {}

    static String plain(String javadoc) {
        String text = inline(javadoc);
        List<String> description = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> current = description;
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("@")) {
                current = tags;
                current.add(tag(l));
            } else if (current == tags && !tags.isEmpty() && !l.isEmpty()) {
                tags.set(tags.size() - 1, tags.get(tags.size() - 1) + " " + l);
            } else {
                description.add(line.startsWith(" ") ? line.substring(1) : line);
            }
        }
        String body = html(String.join("\n", description)).strip();
        return tags.isEmpty()
                ? body
                : body + "\n\n" + html(String.join("\n", tags)).strip();
    }

    private static String tag(String line) {
        String[] parts = line.split("\\s+", 3);
        String rest = parts.length > 1 ? line.substring(parts[0].length()).strip() : "";
        return switch (parts[0]) {
            case "@param" -> "Parameter " + rest.replaceFirst("^(\\S+)\\s*", "$1: ");
            case "@return" -> "Returns: " + rest;
            case "@throws", "@exception" -> "Throws " + rest.replaceFirst("^(\\S+)\\s*", "$1: ");
            case "@see" -> "See: " + rest.replace('#', '.');
            case "@since" -> "Since: " + rest;
            case "@deprecated" -> "Deprecated: " + rest;
            default -> ""; // @author, @implNote, @apiNote...: not for this panel
        };
    }

    // inline tags as their words: "{@code x}" reads x, "{@link List#of label}" reads label, "{@link List#of}" List.of
    private static String inline(String text) {
        String out = text;
        String before;
        do {
            before = out;
            Matcher m = INLINE.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String tag = m.group(1);
                String body = m.group(2).strip();
                String words;
                if (tag.equals("link") || tag.equals("linkplain")) {
                    String[] refLabel = body.split("\\s+", 2);
                    words = refLabel.length > 1
                            ? refLabel[1]
                            : refLabel[0].replaceFirst("^#", "").replace('#', '.');
                } else if (tag.equals("inheritDoc")) {
                    words = "";
                } else {
                    words = body;
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(words));
            }
            m.appendTail(sb);
            out = sb.toString();
        } while (!out.equals(before));
        return out;
    }

    private static String html(String text) {
        return text.replaceAll("(?i)\\s*<p>\\s*", "\n\n")
                .replaceAll("(?i)\\s*<li>\\s*", "\n  - ")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</?(pre|ul|ol|blockquote|table|tr)[^>]*>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&")
                .replaceAll("\n{3,}", "\n\n");
    }
}
