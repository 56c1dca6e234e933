package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bighead.registry.Json;

/**
 * The notebook a retrain run executes, built from a training recipe and the run's parameters (pure: no I/O).
 *
 * <p>Parameters are injected papermill-style, as Java: a cell tagged {@code injected-parameters} that declares
 * {@code String data = "…";} (one line each) goes right after the recipe's parameters cell — the cell tagged
 * {@code parameters} in a notebook, or, for the cells a version's lineage kept (which carry no tags), the cell whose
 * first line is {@code // parameters} — so the run's values replace the notebook's defaults; with no such cell it
 * goes first.
 */
public final class RecipeNotebook {
    /** A cell of the recipe: its source and whether it holds the notebook's default parameters. */
    public record Cell(String source, boolean parameters) {}

    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PARAMETERS_COMMENT = Pattern.compile("\\A\\s*//\\s*parameters\\b.*", Pattern.DOTALL);

    private RecipeNotebook() {}

    /** The cells of an .ipynb document: code cells only, with the {@code parameters} tag noted. */
    public static List<Cell> cellsOf(JsonNode ipynb) {
        JsonNode cells = ipynb.path("cells");
        if (!cells.isArray()) {
            throw new IllegalArgumentException("it is not a Jupyter notebook (no \"cells\" list)");
        }
        List<Cell> out = new ArrayList<>();
        for (JsonNode c : cells) {
            if (!c.path("cell_type").asText().equals("code")) {
                continue;
            }
            boolean tagged = false;
            for (JsonNode tag : c.path("metadata").path("tags")) {
                tagged |= tag.asText().equals("parameters");
            }
            out.add(new Cell(source(c.path("source")), tagged));
        }
        return out;
    }

    /**
     * The cells a version's lineage kept, then {@code %bighead register MODEL EXPRESSION}: re-running them fits the
     * pipeline again on the run's data and registers it as the next version.
     */
    public static List<Cell> fromLineage(List<String> cells, String model, String expression) {
        List<Cell> out = new ArrayList<>();
        for (String c : cells) {
            out.add(new Cell(c, PARAMETERS_COMMENT.matcher(c).matches()));
        }
        out.add(new Cell("%bighead register " + model + " " + quoted(expression), false));
        return out;
    }

    /** The .ipynb document: the recipe's cells with the parameters cell injected. */
    public static ObjectNode build(List<Cell> recipe, Map<String, String> parameters) {
        int after = -1;
        for (int i = 0; i < recipe.size(); i++) {
            if (recipe.get(i).parameters()) {
                after = i;
            }
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode cells = doc.putArray("cells");
        if (after < 0) {
            add(cells, injected(parameters), "injected-parameters");
        }
        for (int i = 0; i < recipe.size(); i++) {
            add(cells, recipe.get(i).source(), recipe.get(i).parameters() ? "parameters" : null);
            if (i == after) {
                add(cells, injected(parameters), "injected-parameters");
            }
        }
        ObjectNode meta = doc.putObject("metadata");
        meta.putObject("kernelspec")
                .put("name", "bighead")
                .put("display_name", "Java (Bighead)")
                .put("language", "java");
        meta.putObject("language_info").put("name", "java");
        doc.put("nbformat", 4);
        doc.put("nbformat_minor", 5);
        return doc;
    }

    /** {@code String name = "value";} per parameter, as Java source. */
    static String injected(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder("// parameters of this run, injected by the retrain job\n");
        parameters.forEach((name, value) -> {
            if (!JAVA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("parameter name '" + name + "' is not a Java identifier");
            }
            out.append("String ")
                    .append(name)
                    .append(" = ")
                    .append(javaString(value))
                    .append(";\n");
        });
        return out.toString().stripTrailing();
    }

    /** A Java string literal holding {@code value}. */
    static String javaString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The magic's argument, quoted when it has spaces (as {@code %bighead register} parses it). */
    private static String quoted(String expression) {
        return expression.matches("\\S+") ? expression : "\"" + expression.replace("\"", "\\\"") + "\"";
    }

    private static void add(ArrayNode cells, String source, String tag) {
        ObjectNode c = cells.addObject();
        c.put("cell_type", "code");
        c.putNull("execution_count");
        ObjectNode meta = c.putObject("metadata");
        if (tag != null) {
            meta.putArray("tags").add(tag);
        }
        c.putArray("outputs");
        c.put("source", source);
    }

    private static String source(JsonNode source) {
        if (source.isArray()) {
            StringBuilder s = new StringBuilder();
            source.forEach(line -> s.append(line.asText()));
            return s.toString();
        }
        return source.asText();
    }
}
