package org.bighead.pipeline.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HtmlTest {

    /** Our fragments are also well-formed XML, which proves the escaping is complete. */
    static Document parse(String html) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static Table hundredRows() {
        double[] x = new double[100];
        int[] id = new int[100];
        String[] s = new String[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i / 3.0;
            id[i] = i;
            s[i] = i % 2 == 0 ? "<b>bold</b> & \"q\"" : "";
        }
        DoubleColumn xs = DoubleColumn.create("x <&> \"y\"", x);
        xs.setMissing(1);
        return Table.create("t", IntColumn.create("id", id), xs, StringColumn.create("s", s));
    }

    @Test
    void table_caption_says_how_many_rows_are_shown() throws Exception {
        String html = Html.table(hundredRows(), 5);
        assertThat(html).contains("showing 5 of 100 rows");
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("tr").getLength()).isEqualTo(1 + 5);
        assertThat(doc.getElementsByTagName("th").getLength()).isEqualTo(3);
    }

    @Test
    void table_escapes_names_and_values() throws Exception {
        String html = Html.table(hundredRows(), 5);
        assertThat(html)
                .doesNotContain("<b>bold", "x <&>")
                .contains("x &lt;&amp;&gt; &quot;y&quot;", "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot;");
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("b").getLength()).isEqualTo(1); // the table name only
        assertThat(doc.getElementsByTagName("th").item(1).getTextContent()).startsWith("x <&> \"y\"");
    }

    @Test
    void missing_values_are_a_faint_dash_and_numbers_are_right_aligned() throws Exception {
        String html = Html.table(hundredRows(), 2);
        Document doc = parse(html);
        var cells = doc.getElementsByTagName("td");
        // row 0: id, x, s ; row 1: id, x (missing), s (missing)
        assertThat(cells.item(4).getTextContent()).isEqualTo("—");
        assertThat(cells.item(5).getTextContent()).isEqualTo("—");
        assertThat(html).contains("opacity:0.4\" title=\"missing\">—");
        var x = cells.item(1);
        assertThat(x.getTextContent()).isEqualTo("0");
        assertThat(x.getAttributes().getNamedItem("style").getNodeValue()).contains("text-align:right");
        assertThat(cells.item(2).getAttributes().getNamedItem("style").getNodeValue())
                .contains("text-align:left");
        assertThat(Html.table(hundredRows(), 4)).contains(">1<", ">0.666667<");
    }

    @Test
    void styles_are_inline_and_scoped_to_the_fragment() {
        String html = Html.table(hundredRows(), 3);
        assertThat(html).startsWith("<div class=\"bh-table\"").doesNotContain("<style", "<script");
        assertThat(html).doesNotContain("color:#", "background:#", "background:white");
    }

    @Test
    void before_after_merges_rows_and_highlights_changes() throws Exception {
        Table before = Table.create(
                DoubleColumn.create("bedrooms", 2, Double.NaN, 3), StringColumn.create("city", "Oslo", "Rome", "Oslo"));
        Table after = Table.create(
                DoubleColumn.create("bedrooms", 2, 2, 3),
                DoubleColumn.create("city=Oslo", 1, 0, 1),
                DoubleColumn.create("city=Rome", 0, 1, 0));
        String html = Html.beforeAfter(before, after, List.of("bedrooms"), 10);
        parse(html);
        assertThat(html)
                .contains(
                        "showing 3 of 3 rows",
                        "changed",
                        "added",
                        "removed",
                        "title=\"missing\">—</span></span> → 2",
                        "line-through",
                        "rgba(46,160,67");
        // filtering stage: different row counts -> side by side
        String side = Html.beforeAfter(before, after.dropRows(0), List.of("bedrooms"), 10);
        parse(side);
        assertThat(side).contains("showing 3 of 3 rows", "showing 2 of 2 rows", ">before<", ">after<");
    }

    @Test
    void key_values_show_four_significant_digits() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rmse", 0.123456);
        m.put("r2", 0.9);
        m.put("big", 123456.789);
        m.put("tiny", 0.0000123456);
        m.put("trees", 300);
        m.put("name", "<xgb & co>");
        m.put("none", null);
        m.put("quantiles", new double[] {0.25, 0.5, 1.0 / 3});
        String html = Html.keyValues("Metrics <valid>", m);
        parse(html);
        assertThat(html)
                .contains(
                        ">0.1235<",
                        ">0.9<",
                        ">123500<",
                        ">1.235e-5<",
                        ">300<",
                        "&lt;xgb &amp; co&gt;",
                        "Metrics &lt;valid&gt;",
                        "[0.25, 0.5, 0.3333]",
                        ">—<");
    }

    @Test
    void format_number_rounds_half_up_and_handles_specials() {
        assertThat(Html.formatNumber(2.5, 1)).isEqualTo("3");
        assertThat(Html.formatNumber(-0.00012345, 4)).isEqualTo("-0.0001235");
        assertThat(Html.formatNumber(1e12, 4)).isEqualTo("1e12");
        assertThat(Html.formatNumber(Double.NaN, 4)).isEqualTo("NaN");
        assertThat(Html.formatNumber(Double.NEGATIVE_INFINITY, 4)).isEqualTo("-∞");
        assertThat(Html.formatNumber(-0.0, 4)).isEqualTo("0");
    }

    @Test
    void escape_replaces_characters_xml_forbids() {
        assertThat(Html.escape("a\u0000b\uD800c🙂")).isEqualTo("a\uFFFDb\uFFFDc🙂");
        assertThat(Html.escape("'\"<>&")).isEqualTo("&#39;&quot;&lt;&gt;&amp;");
    }
}
