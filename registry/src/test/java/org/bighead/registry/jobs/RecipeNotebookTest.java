package org.bighead.registry.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.registry.Json;
import org.junit.jupiter.api.Test;

class RecipeNotebookTest {
    private static final Map<String, String> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("data", "/data/listings-2026-12-06.csv");
        PARAMS.put("run_date", "2026-12-06");
    }

    @Test
    void theRunsParametersGoRightAfterTheNotebooksParametersCellSoTheyReplaceItsDefaults() {
        JsonNode ipynb = Json.parse("{\"cells\": ["
                + "{\"cell_type\": \"markdown\", \"source\": \"# Listing price\", \"metadata\": {}},"
                + "{\"cell_type\": \"code\", \"source\": [\"String data = \\\"a.csv\\\";\"],"
                + " \"metadata\": {\"tags\": [\"parameters\"]}},"
                + "{\"cell_type\": \"code\", \"source\": \"var t = Listings.readCsv(Path.of(data));\", \"metadata\": {}}"
                + "]}");
        List<String> sources = sources(RecipeNotebook.build(RecipeNotebook.cellsOf(ipynb), PARAMS));
        assertThat(sources)
                .containsExactly(
                        "String data = \"a.csv\";",
                        "// parameters of this run, injected by the retrain job\n"
                                + "String data = \"/data/listings-2026-12-06.csv\";\n"
                                + "String run_date = \"2026-12-06\";",
                        "var t = Listings.readCsv(Path.of(data));");
    }

    @Test
    void aVersionsRecordedCellsAreFollowedByTheRegisterMagicWithItsExpression() {
        List<RecipeNotebook.Cell> cells = RecipeNotebook.fromLineage(
                List.of("// parameters\nString data = \"a.csv\";", "var model = p.fit(t);"), "listing-price", "model");
        JsonNode doc = RecipeNotebook.build(cells, PARAMS);
        List<String> sources = sources(doc);
        assertThat(sources).hasSize(4);
        assertThat(sources.get(1)).startsWith("// parameters of this run");
        assertThat(sources.get(3)).isEqualTo("%bighead register listing-price model");
        assertThat(doc.path("cells").get(1).path("metadata").path("tags").get(0).asText())
                .isEqualTo("injected-parameters");
        assertThat(doc.path("metadata").path("kernelspec").path("name").asText())
                .isEqualTo("bighead");
    }

    @Test
    void withNoParametersCellTheyGoFirst() {
        List<String> sources = sources(
                RecipeNotebook.build(List.of(new RecipeNotebook.Cell("1 + 1", false)), Map.of("job", "weekly")));
        assertThat(sources)
                .containsExactly(
                        "// parameters of this run, injected by the retrain job\n" + "String job = \"weekly\";",
                        "1 + 1");
    }

    @Test
    void valuesBecomeJavaStringLiteralsAndNamesMustBeIdentifiers() {
        assertThat(RecipeNotebook.javaString("a \"b\" \\ c\nd")).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\"");
        assertThatThrownBy(() -> RecipeNotebook.injected(Map.of("run-date", "x")))
                .hasMessageContaining("not a Java identifier");
    }

    private static List<String> sources(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("cells").forEach(c -> out.add(c.path("source").asText()));
        return out;
    }
}
