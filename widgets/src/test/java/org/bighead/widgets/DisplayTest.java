package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A widget displays as a widget view, with the text Python's repr would give as the fallback. */
class DisplayTest {
    private FakeFrontend browser;

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    @Test
    void displayingAWidgetOpensItsCommAndShowsItsView() {
        Map<String, Object> bundle = Dropdown.of("a", "b", "c").mimeBundle();

        assertThat(bundle).containsOnlyKeys("text/plain", Widget.VIEW_MIME);
        assertThat(bundle.get("text/plain")).isEqualTo("Dropdown(options=('a', 'b', 'c'), value='a')");
        assertThat(bundle.get(Widget.VIEW_MIME)).isEqualTo(FakeFrontend.json("""
                {"version_major": 2, "version_minor": 0, "model_id": "m3"}"""));
        assertThat(browser.sent()).extracting(FakeFrontend.Sent::type).containsOnly("comm_open");
    }

    @Test
    void withoutANotebookAWidgetShowsAsTextAndOpensNothing() {
        Widgets.disconnect();
        IntSlider slider = new IntSlider().value(3);

        assertThat(slider.mimeBundle()).containsOnlyKeys("text/plain");
        assertThat(slider.isOpen()).isFalse();
        assertThat(slider.modelId()).isNull();
    }

    @Test
    void aWidgetChangedBeforeItIsDisplayedOpensWithItsLatestState() {
        IntSlider slider = new IntSlider().value(3).max(5).description("epochs");

        slider.mimeBundle();

        assertThat(browser.sentOn("m3")).hasSize(1);
        assertThat(browser.sentOn("m3")
                        .get(0)
                        .data()
                        .path("state")
                        .path("value")
                        .asInt())
                .isEqualTo(3);
        assertThat(browser.sentOn("m3")
                        .get(0)
                        .data()
                        .path("state")
                        .path("description")
                        .asText())
                .isEqualTo("epochs");
    }

    static Stream<Arguments> reprs() {
        // Python: repr() of the same widgets in ipywidgets 8.1.9
        return Stream.of(
                Arguments.of(
                        (Supplier<Widget>) () ->
                                Dropdown.of("a", "b", "c").description("x").index(2),
                        "Dropdown(description='x', index=2, options=('a', 'b', 'c'), value='c')"),
                Arguments.of(
                        (Supplier<Widget>) () -> Dropdown.of(List.of(Option.of("One", 1), Option.of("Two", 2))),
                        "Dropdown(options=(('One', 1), ('Two', 2)), value=1)"),
                Arguments.of((Supplier<Widget>) () -> new IntSlider().value(3), "IntSlider(value=3)"),
                Arguments.of((Supplier<Widget>) () -> new IntProgress(5, 0, 10), "IntProgress(value=5, max=10)"),
                Arguments.of(
                        (Supplier<Widget>) () -> new Button("Go"), "Button(description='Go', style=ButtonStyle())"),
                Arguments.of((Supplier<Widget>) () -> new VBox(new Label("hi")), "VBox(children=(Label(value='hi'),))"),
                Arguments.of(
                        (Supplier<Widget>) () -> Image.of("abc".getBytes(StandardCharsets.US_ASCII), "png"),
                        "Image(value=b'abc')"),
                Arguments.of((Supplier<Widget>) () -> new Layout().width("10px"), "Layout(width='10px')"),
                Arguments.of((Supplier<Widget>) Output::new, "Output()"),
                Arguments.of(
                        (Supplier<Widget>) () -> new Tab(new Label("a")).titles("t"),
                        "Tab(children=(Label(value='a'),), selected_index=0, titles=('t',))"),
                Arguments.of((Supplier<Widget>) () -> new FloatSlider().value(1.5), "FloatSlider(value=1.5)"),
                Arguments.of((Supplier<Widget>) () -> new Checkbox(true), "Checkbox(value=True)"),
                Arguments.of((Supplier<Widget>) () -> new HTML("<b>x</b>"), "HTML(value='<b>x</b>')"),
                Arguments.of(
                        (Supplier<Widget>) () -> Select.of("a", "b").rows(3),
                        "Select(options=('a', 'b'), rows=3, value='a')"),
                Arguments.of((Supplier<Widget>) Textarea::new, "Textarea(value='')"),
                Arguments.of(
                        (Supplier<Widget>) () -> new IntSlider().description("it's"),
                        "IntSlider(value=0, description=\"it's\")"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("reprs")
    void theTextFormReadsLikePythonsRepr(Supplier<Widget> make, String python) {
        assertThat(make.get().toString()).isEqualTo(python);
    }

    @Test
    void pythonFloatsAreWrittenAsPythonWritesThem() {
        assertThat(Py.number(100.0)).isEqualTo("100.0");
        assertThat(Py.number(0.1)).isEqualTo("0.1");
        assertThat(Py.number(1e-5)).isEqualTo("1e-05");
        assertThat(Py.number(0.0001)).isEqualTo("0.0001");
        assertThat(Py.number(1e16)).isEqualTo("1e+16");
        assertThat(Py.number(12345678.0)).isEqualTo("12345678.0");
    }
}
