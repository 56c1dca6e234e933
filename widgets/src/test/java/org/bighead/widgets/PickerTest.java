package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pickers: a choice among Java objects with the chosen one's facts, and a filter that narrows the choice. */
class PickerTest {
    record Instance(String name, int cpus, int gpus, double dollarsPerHour) {}

    private static final Instance SMALL = new Instance("m5.large", 2, 0, 0.096);
    private static final Instance LARGE = new Instance("m5.2xlarge", 8, 0, 0.384);
    private static final Instance GPU = new Instance("g4dn.xlarge", 4, 1, 0.526);
    private static final Instance GPUS = new Instance("p3.8xlarge", 32, 4, 12.24);

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

    private Picker<Instance> hardware() {
        Picker<Instance> picker = Picker.of("instance", List.of(SMALL, LARGE, GPU, GPUS), Instance::name)
                .details(t -> {
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("vCPU", t.cpus());
                    facts.put("GPU", t.gpus());
                    facts.put("$/hour", t.dollarsPerHour());
                    return facts;
                })
                .filter("GPU only", t -> t.gpus() > 0);
        picker.mimeBundle(); // displayed
        return picker;
    }

    private void fromBrowser(Widget widget, String state) {
        browser.fromBrowser(widget.modelId(), """
                {"method": "update", "state": %s, "buffer_paths": []}""".formatted(state));
    }

    @Test
    void theChosenOptionsFactsShowBelowTheDropdown() {
        Picker<Instance> picker = hardware();

        fromBrowser(picker.dropdown(), "{\"index\": 1}");

        assertThat(picker.value()).isEqualTo(LARGE);
        assertThat(picker.details().value()).contains("vCPU", ">8<", "0.384");
        assertThat(picker.dropdown().description()).isEqualTo("instance");
        assertThat(picker.dropdown().options())
                .extracting(Option::label)
                .containsExactly("m5.large", "m5.2xlarge", "g4dn.xlarge", "p3.8xlarge");
    }

    @Test
    void theGpuFilterOffersOnlyGpuInstancesAndUncheckingItKeepsTheChoice() {
        Picker<Instance> picker = hardware();
        List<Instance> heard = new ArrayList<>();
        picker.onChange(heard::add);

        fromBrowser(picker.filterBox(), "{\"value\": true}");

        assertThat(picker.options()).containsExactly(GPU, GPUS);
        assertThat(picker.value()).isEqualTo(GPU); // the CPU choice is gone: the first GPU one
        assertThat(picker.details().value()).contains("0.526");
        assertThat(heard).last().isEqualTo(GPU);

        fromBrowser(picker.dropdown(), "{\"index\": 1}");
        fromBrowser(picker.filterBox(), "{\"value\": false}");

        assertThat(picker.options()).containsExactly(SMALL, LARGE, GPU, GPUS);
        assertThat(picker.value()).isEqualTo(GPUS);
        assertThat(picker.view().children().get(0)).isInstanceOf(HBox.class);
        assertThat(((HBox) picker.view().children().get(0)).children())
                .containsExactly(picker.dropdown(), picker.filterBox());
    }

    @Test
    void whenNoOptionPassesTheFilterTheDetailsSaySo() {
        Picker<Instance> picker =
                Picker.of("instance", List.of(SMALL, LARGE), Instance::name).filter("GPU only", t -> t.gpus() > 0);

        picker.filterBox().value(true);

        assertThat(picker.value()).isNull();
        assertThat(picker.options()).isEmpty();
        assertThat(picker.details().value()).contains("no option matches &#39;GPU only&#39;");
    }

    @Test
    void selectChoosesTheFirstOfferedOptionThatMatchesAndIgnoresAMiss() {
        Picker<Instance> picker = hardware();
        List<Instance> heard = new ArrayList<>();
        picker.onChange(heard::add);

        picker.select(t -> t.name().equals("g4dn.xlarge"));

        assertThat(picker.value()).isEqualTo(GPU);
        assertThat(picker.dropdown().index()).isEqualTo(2);
        assertThat(picker.details().value()).contains("0.526");
        assertThat(heard).containsExactly(GPU);

        picker.select(t -> t.name().equals("z9.huge"));

        assertThat(picker.value()).as("no match: the choice stays").isEqualTo(GPU);
    }

    @Test
    void withoutAFilterThereIsNoCheckbox() {
        Picker<String> picker = Picker.of("environment", List.of("python-3.11", "java-17"));

        assertThat(((HBox) picker.view().children().get(0)).children()).containsExactly(picker.dropdown());
        assertThat(picker.value()).isEqualTo("python-3.11");
        assertThat(picker.toString()).isEqualTo("Picker(environment=python-3.11)");
    }
}
