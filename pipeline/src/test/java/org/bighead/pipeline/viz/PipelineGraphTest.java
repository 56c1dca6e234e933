package org.bighead.pipeline.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.stages.Select;
import org.bighead.pipeline.viz.PipelineGraph.Node;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PipelineGraphTest {

    static PipelineGraph housing() {
        List<String> hashed = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            hashed.add("amenities#" + i);
        }
        List<String> onehot = List.of("room_type=entire", "room_type=private", "room_type=shared");
        List<String> modelIn = new ArrayList<>(List.of("bedrooms", "bathrooms", "accommodates"));
        modelIn.addAll(onehot);
        modelIn.addAll(hashed);
        return new PipelineGraph(
                List.of("bedrooms", "bathrooms", "accommodates", "room_type", "amenities"),
                "price",
                List.of(
                        new Node(
                                "impute",
                                "median-imputer",
                                List.of("bedrooms", "bathrooms"),
                                List.of("bedrooms", "bathrooms"),
                                "median: bedrooms=2.0, bathrooms=1.5",
                                false),
                        new Node("one-hot", "one-hot-encoder", List.of("room_type"), onehot, "3 levels", false),
                        new Node(
                                "scale",
                                "standard-scaler",
                                List.of("bedrooms", "bathrooms"),
                                List.of("bedrooms", "bathrooms"),
                                "z-score",
                                false),
                        new Node("text-hash", "hashing-vectorizer", List.of("amenities"), hashed, "64 buckets", false),
                        new Node(
                                "xgboost",
                                "xgboost-regressor",
                                modelIn,
                                List.of("prediction"),
                                "300 trees, depth 6",
                                true)));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document doc) {
        NodeList list = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void svg_parses_as_xml_and_is_a_standalone_svg_document() throws Exception {
        String svg = housing().toSvg();
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("viewBox")).matches("0 0 \\d+(\\.\\d)? \\d+(\\.\\d)?");
        assertThat(Double.parseDouble(root.getAttribute("width"))).isPositive();
        assertThat(Double.parseDouble(root.getAttribute("height"))).isPositive();
        assertThat(root.getAttribute("viewBox"))
                .isEqualTo("0 0 " + root.getAttribute("width") + " " + root.getAttribute("height"));
        assertThat(svg).doesNotContain("<script", "href", "url(", "@import", "onload");
    }

    @Test
    void every_stage_name_the_target_and_the_prediction_are_shown() throws Exception {
        List<String> texts = texts(parse(housing().toSvg()));
        assertThat(texts)
                .contains(
                        "raw inputs",
                        "impute",
                        "one-hot",
                        "scale",
                        "text-hash",
                        "xgboost",
                        "median-imputer",
                        "xgboost-regressor",
                        "prediction",
                        "target: price");
        assertThat(texts).anyMatch(t -> t.startsWith("median: bedrooms=2.0"));
    }

    @Test
    void edges_are_labelled_with_collapsed_column_runs() throws Exception {
        List<String> texts = texts(parse(housing().toSvg()));
        assertThat(texts).contains("amenities#0..63", "bedrooms, bathrooms", "accommodates", "room_type=* (3)");
    }

    @Test
    void hostile_names_are_escaped_and_survive_as_text() throws Exception {
        String script = "<script>alert('x')</script>";
        String amp = "R&D \"quoted\" 'single'";
        String emoji = "🏠 rooms ünïcödé";
        String control = "bad\u0001name\uD800";
        PipelineGraph g = new PipelineGraph(
                List.of(script, amp, emoji, control),
                "<target&>",
                List.of(
                        new Node(
                                "<b>stage</b>",
                                "type & \"kind\"",
                                List.of(script, amp),
                                List.of("out<1>"),
                                "x < y && y > \"z\"",
                                false),
                        new Node(
                                "model 🤖",
                                "xgboost-classifier",
                                List.of("out<1>", emoji, control),
                                List.of(),
                                "",
                                true)));
        String svg = g.toSvg();
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("b").getLength()).isZero();
        assertThat(svg).doesNotContain("<script>", "<b>", "\u0001");
        List<String> texts = texts(doc);
        assertThat(texts).contains(script, "<b>stage</b>", "model 🤖", "out<1>", "prediction", "target: <target&>");
        assertThat(String.join("\n", texts)).contains(amp).contains(emoji).contains("bad\uFFFDname");
    }

    @Test
    void output_is_deterministic() {
        String a = housing().toSvg();
        String b = housing().toSvg();
        assertThat(a).isEqualTo(b);
        assertThat(housing().mimeBundle()).isEqualTo(housing().mimeBundle());
    }

    @Test
    void long_column_lists_are_truncated_with_a_count_of_the_rest() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            inputs.add("feature_" + (char) ('a' + i % 26) + "_" + (i * 7)); // not a consecutive run
        }
        PipelineGraph g = new PipelineGraph(
                inputs, "y", List.of(new Node("model", "linear-regressor", inputs, List.of(), "", true)));
        List<String> texts = texts(parse(g.toSvg()));
        assertThat(texts).contains("150 columns", "+141 more");
        assertThat(texts).contains(inputs.get(0)).doesNotContain(inputs.get(149));
        assertThat(texts).anyMatch(t -> t.matches(".*\\+\\d+ columns")); // the edge label
    }

    @Test
    void a_stage_reads_from_the_last_earlier_stage_that_wrote_the_column() {
        PipelineGraph g = housing();
        assertThat(g.sourceOf(0, "bedrooms")).isEqualTo(-1);
        assertThat(g.sourceOf(2, "bedrooms")).isEqualTo(0);
        assertThat(g.sourceOf(4, "bedrooms")).isEqualTo(2);
        assertThat(g.sourceOf(4, "amenities#5")).isEqualTo(3);
        assertThat(g.sourceOf(4, "accommodates")).isEqualTo(-1);
        assertThat(g.isModel(4)).isTrue();
        assertThat(g.isModel(0)).isFalse();
    }

    @Test
    void mime_bundle_has_svg_and_one_text_line_per_stage() {
        Map<String, Object> bundle = housing().mimeBundle();
        assertThat(bundle).containsOnlyKeys("image/svg+xml", "text/plain");
        assertThat(bundle.get("image/svg+xml")).asString().startsWith("<svg ");
        String[] lines = ((String) bundle.get("text/plain")).split("\n");
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines[1]).contains("impute", "median-imputer");
        assertThat(lines[4]).contains("text-hash", "amenities → amenities#0..63");
    }

    @Test
    void empty_and_degenerate_graphs_still_render() throws Exception {
        parse(new PipelineGraph(List.of(), null, List.of()).toSvg());
        parse(new PipelineGraph(List.of("x"), null, List.of(new Node("const", "", List.of(), List.of(), null, false)))
                .toSvg());
    }

    /** A user's stage whose type name sounds like a model: a score from a random forest. */
    static final class ForestScore implements Stage {
        @Override
        public String name() {
            return "forest-score";
        }

        @Override
        public FittedStage fit(Frame data) {
            return new FittedForestScore();
        }
    }

    record FittedForestScore() implements FittedStage {
        @Override
        public String type() {
            return "example.random-forest-score";
        }

        @Override
        public List<String> inputs() {
            return List.of("accommodates");
        }

        @Override
        public List<ColumnDef> outputs() {
            return List.of(ColumnDef.numeric("forest_score"));
        }

        @Override
        public RowTransform compile(Layout layout) {
            int in = layout.numeric("accommodates");
            int out = layout.numeric("forest_score");
            return row -> row.num[out] = 2 * row.num[in];
        }
    }

    /** The part of the SVG that draws the box of stage {@code name}. */
    static String box(String svg, String name) {
        int start = svg.indexOf("<g data-stage=\"" + name + "\"><title>" + name + " (");
        assertThat(start).as("box of %s", name).isNotNegative();
        return svg.substring(start, svg.indexOf("</g>", start));
    }

    @Test
    void the_model_box_is_the_pipelines_model_whatever_the_type_names_say() throws Exception {
        Pipeline pipeline = Pipeline.of(
                        Select.of(Listings.ACCOMMODATES, Listings.NUMBER_OF_REVIEWS),
                        new ForestScore(),
                        Linear.regressor())
                .target(Listings.PRICE);
        PipelineGraph planned = pipeline.graph(); // types ForestScore, Linear
        PipelineGraph fitted = pipeline.fit(Listings.generate(300, 5)).graph(); // example.random-forest-score, linear
        for (PipelineGraph g : List.of(planned, fitted)) {
            assertThat(g.isModel(1)).as(g.stages().get(1).type()).isFalse();
            assertThat(g.isModel(2)).as(g.stages().get(2).type()).isTrue();
            String svg = g.toSvg();
            assertThat(box(svg, "forest-score")).contains(">TRANSFORM</text>").doesNotContain(">MODEL<");
            assertThat(box(svg, "linear")).contains(">MODEL</text>", "target: price");
            assertThat(g.toText()).contains("3. linear [" + g.stages().get(2).type() + "]");
        }
    }
}
