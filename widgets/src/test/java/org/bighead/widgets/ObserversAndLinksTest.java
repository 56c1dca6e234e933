package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Observers hear every real change, from Java or the browser; links keep traits equal without looping. */
class ObserversAndLinksTest {
    private final ByteArrayOutputStream reported = new ByteArrayOutputStream();

    @BeforeEach
    void quiet() {
        Widgets.reportTo(new PrintStream(reported, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void loud() {
        Widgets.reportTo(null);
    }

    @Test
    void anObserverHearsAJavaChangeButNotTheSameValueAgain() {
        IntSlider slider = new IntSlider();
        List<Change> heard = new ArrayList<>();
        slider.observe("value", heard::add);

        slider.value(5);
        slider.value(5);

        assertThat(heard).containsExactly(new Change(slider, "value", 0, 5));
    }

    @Test
    void aClampedValueIsHeardAsClamped() {
        IntSlider slider = new IntSlider();
        List<Object> heard = new ArrayList<>();
        slider.observe("value", c -> heard.add(c.newValue()));

        slider.value(500);
        slider.min(-10).max(50);

        assertThat(heard).containsExactly(100, 50);
    }

    @Test
    void aFailingObserverIsReportedAndTheOthersStillRun() {
        Checkbox box = new Checkbox();
        List<Object> heard = new ArrayList<>();
        box.observe("value", c -> {
            throw new IllegalStateException("observer bug");
        });
        box.observe("value", c -> heard.add(c.newValue()));

        box.value(true);

        assertThat(heard).containsExactly(true);
        assertThat(box.value()).isTrue();
        assertThat(reported.toString(StandardCharsets.UTF_8)).contains("observer of Checkbox.value", "observer bug");
    }

    @Test
    void observingAnUnknownTraitNamesTheOnesThereAre() {
        assertThatThrownBy(() -> new IntSlider().observe("valu", c -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IntSlider has no trait 'valu'")
                .hasMessageContaining("value");
    }

    @Test
    void linkedSlidersFollowEachOtherBothWaysAndStop() {
        IntSlider a = new IntSlider().value(3);
        IntSlider b = new IntSlider();
        List<Object> heardByA = new ArrayList<>();
        a.observe("value", c -> heardByA.add(c.newValue()));

        Link link = Widgets.link(a, "value", b, "value");
        assertThat(b.value()).isEqualTo(3);
        a.value(5);
        assertThat(b.value()).isEqualTo(5);
        b.value(7);
        assertThat(a.value()).isEqualTo(7);
        assertThat(heardByA).containsExactly(5, 7);

        link.unlink();
        a.value(9);
        assertThat(b.value()).isEqualTo(7);
    }

    @Test
    void aLinkConvertsBetweenIntsAndDoublesAndDoesNotBounceAClampedValueBack() {
        IntSlider slider = new IntSlider();
        FloatProgress progress = new FloatProgress(0, 0, 10);
        Widgets.link(slider, "value", progress, "value");

        slider.value(50);

        assertThat(progress.value()).isEqualTo(10.0);
        assertThat(slider.value()).isEqualTo(50);
    }

    @Test
    void aDirectionalLinkCopiesOneWayOnly() {
        Text source = new Text("a");
        Label target = new Label();
        Widgets.dlink(source, "value", target, "value");

        source.value("b");
        target.value("c");

        assertThat(target.value()).isEqualTo("c");
        assertThat(source.value()).isEqualTo("b");
    }

    @Test
    void aSelectionsValueLabelAndIndexAgreeWhicheverIsSet() {
        Dropdown dropdown = Dropdown.of(List.of(Option.of("One", 1), Option.of("Two", 2)));

        dropdown.value(2);
        assertThat(dropdown.index()).isEqualTo(1);
        assertThat(dropdown.label()).isEqualTo("Two");
        dropdown.label("One");
        assertThat(dropdown.value()).isEqualTo(1);
        dropdown.index(null);
        assertThat(dropdown.value()).isNull();
        assertThat(dropdown.label()).isNull();
    }

    @Test
    void newOptionsSelectTheFirstLikeIpywidgets() {
        Dropdown dropdown = Dropdown.of("a", "b").index(1);
        List<Object> heard = new ArrayList<>();
        dropdown.observe("value", c -> heard.add(c.newValue()));

        dropdown.options("x", "y");

        assertThat(dropdown.index()).isZero();
        assertThat(dropdown.value()).isEqualTo("x");
        assertThat(heard).containsExactly("x");
        assertThat(Dropdown.of().index()).isNull();
    }

    @Test
    void invalidValuesAreRefusedWithAMessageNamingTheFix() {
        assertThatThrownBy(() -> Dropdown.of("a", "b").value("z"))
                .hasMessageContaining("Dropdown: \"z\"".replace('"', '\''))
                .hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> new IntSlider().min(200)).hasMessage("IntSlider: min 200 > max 100; raise max first");
        assertThatThrownBy(() -> new IntProgress().orientation("diagonal"))
                .hasMessage("IntProgress.orientation must be one of horizontal, vertical, not 'diagonal'");
        assertThatThrownBy(() -> new IntSlider().set("_model_name", "x"))
                .hasMessage("IntSlider._model_name is read-only");
    }

    @Test
    void aFailedChangeLeavesEveryTraitAsItWas() {
        Tab tab = new Tab(new Label("a"), new Label("b"));

        assertThatThrownBy(() -> tab.selectedIndex(5)).hasMessageContaining("no page 5");

        assertThat(tab.selectedIndex()).isZero();
    }

    @Test
    void tabsKeepOneTitlePerChildAndASelectedPage() {
        Tab tab = new Tab();
        assertThat(tab.selectedIndex()).isNull();

        tab.add("First", new Label("1")).add("Second", new Label("2"));
        assertThat(tab.titles()).containsExactly("First", "Second");
        assertThat(tab.selectedIndex()).isZero();

        tab.children(new Label("only"));
        assertThat(tab.titles()).containsExactly("First");
        assertThat(new Accordion(new Label("x")).selectedIndex()).isNull();
    }
}
