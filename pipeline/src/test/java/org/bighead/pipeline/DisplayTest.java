package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.viz.ColumnProfile;
import org.bighead.pipeline.viz.DataProfile;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.Html;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tech.tablesaw.api.Table;

/** What a notebook shows for pipelines, fitted or not: a graph, a data profile and a stage's before and after. */
class DisplayTest {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of every {@code <text>} element of an SVG document. */
    static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS(SVG_NS, "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void aFittedPipelineDisplaysAsAnSvgGraphNamingEveryStage() throws Exception {
        FittedPipeline model = Fixtures.price();
        Map<String, Object> bundle = model.mimeBundle();

        assertThat(bundle).containsKeys(Displayable.IMAGE_SVG, Displayable.TEXT_PLAIN);
        Document svg = parseXml((String) bundle.get(Displayable.IMAGE_SVG));
        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo(SVG_NS);
        List<String> texts = texts(svg);
        assertThat(model.stages().keySet())
                .containsExactly("select", "impute", "one-hot", "scale", "text-hash", "xgboost");
        for (String stage : model.stages().keySet()) {
            assertThat(texts).as("stage %s", stage).contains(stage);
        }
        assertThat(String.join(" ", texts)).contains("price");
        assertThat(bundle.get(Displayable.TEXT_PLAIN)).isEqualTo(model.toString());
        assertThat((String) bundle.get(Displayable.TEXT_PLAIN))
                .startsWith("FittedPipeline[select, impute, one-hot, scale, text-hash, xgboost] → price (regression, ");
    }

    @Test
    void theGraphOfAFittedPipelineCarriesTheColumnsBetweenStages() {
        FittedPipeline model = Fixtures.price();
        var graph = model.graph();

        assertThat(graph.inputs()).isEqualTo(model.inputSchema().names());
        assertThat(graph.target()).isEqualTo("price");
        var impute = graph.stages().get(1);
        assertThat(impute.name()).isEqualTo("impute");
        assertThat(impute.inputs()).containsExactly("bedrooms", "bathrooms");
        assertThat(impute.summary()).startsWith("median: bedrooms=");
        var hash = graph.stages().get(4);
        assertThat(hash.outputs()).hasSize(64).startsWith("amenities#0", "amenities#1");
        assertThat(graph.toText()).contains("1. select", "6. xgboost", "200 trees");
    }

    @Test
    void theTrainingProfileCoversEveryInputColumn() {
        FittedPipeline model = Fixtures.price();
        DataProfile profile = model.metadata().profile();
        long rows = Fixtures.listings().train().rowCount();

        assertThat(profile.rows()).isEqualTo(rows);
        assertThat(model.inputSchema().names()).containsExactlyInAnyOrderElementsOf(Listings.FEATURES);
        for (String column : model.inputSchema().names()) {
            ColumnProfile c = profile.column(column);
            assertThat(c).as(column).isNotNull();
            assertThat(c.count() + c.missing() + c.infinite()).as(column).isEqualTo(rows);
        }
        ColumnProfile bedrooms = profile.column("bedrooms");
        assertThat(bedrooms.kind()).isEqualTo(ColumnProfile.NUMERIC);
        assertThat(bedrooms.missing())
                .isEqualTo(Fixtures.listings().train().numberColumn("bedrooms").countMissing());
        assertThat(bedrooms.missing()).isPositive();
        assertThat(profile.column("room_type").kind()).isEqualTo(ColumnProfile.CATEGORICAL);
        assertThat(profile.column("room_type").top())
                .extracting(ColumnProfile.Category::value)
                .containsAnyElementsOf(Listings.ROOM_TYPES);
        // the profile displays itself too
        assertThat(profile.mimeBundle()).containsKeys(Displayable.TEXT_HTML, Displayable.VEGA_LITE);
        assertThat((String) profile.mimeBundle().get(Displayable.TEXT_HTML)).contains("bedrooms", "amenities");
    }

    @Test
    void beforeAfterShowsTheImputedBedroomsNextToTheMissingOnes() {
        FittedPipeline model = Fixtures.price();
        Table test = Fixtures.listings().test();
        double median = ((Impute.Fitted) model.stage("impute")).numbers().get("bedrooms");

        String html = model.beforeAfter("impute", test, 5);
        assertThat(html).startsWith("<div").endsWith("</div>").contains("bedrooms", "bathrooms", "showing");

        Table gaps = test.where(test.numberColumn("bedrooms").isMissing());
        String filled = model.beforeAfter("impute", gaps, 5);
        assertThat(filled)
                .contains("bedrooms")
                .contains("changed cells show before \u2192 after")
                .contains("</span> \u2192 " + Html.formatNumber(median, 6) + "</td>");
    }

    @Test
    void beforeAfterOfAnUnknownStageListsTheStages() {
        assertThatThrownBy(() -> Fixtures.price()
                        .beforeAfter("imputer", Fixtures.listings().test(), 5))
                .isInstanceOf(PipelineException.class)
                .hasMessage("no stage 'imputer'; stages: [select, impute, one-hot, scale, text-hash, xgboost]");
    }

    @Test
    void anUnfittedPipelineDisplaysItsPlannedSteps() throws Exception {
        Pipeline pipeline = ListingsPipelines.price();
        Map<String, Object> bundle = pipeline.mimeBundle();

        assertThat(bundle).containsKeys(Displayable.IMAGE_SVG, Displayable.TEXT_PLAIN);
        List<String> texts = texts(parseXml((String) bundle.get(Displayable.IMAGE_SVG)));
        for (String step : pipeline.stepNames()) {
            assertThat(texts).as("step %s", step).contains(step);
        }
        assertThat((String) bundle.get(Displayable.TEXT_PLAIN))
                .startsWith("Pipeline: " + Listings.FEATURES.size() + " inputs → 6 stages → prediction (target: price)")
                .contains(
                        "1. select [Select · not fitted]  neighbourhood, room_type,",
                        "2. impute [Impute · not fitted]  bedrooms, bathrooms → bedrooms, bathrooms  | median",
                        "5. text-hash [TextHash · not fitted]  amenities → amenities#*  | 64 buckets",
                        "6. xgboost [XGBoost · not fitted]",
                        "| regressor · 200 rounds · max_depth 6");
        assertThat(pipeline).hasToString("Pipeline[select, impute, one-hot, scale, text-hash, xgboost] → price");
    }
}
