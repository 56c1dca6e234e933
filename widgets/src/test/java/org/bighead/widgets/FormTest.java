package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forms: labelled controls whose values are read by name, rules that show what is wrong, buttons that act. */
class FormTest {
    private static final String CLICK = """
            {"method": "custom", "content": {"event": "click"}}""";

    private FakeFrontend browser;
    private final ByteArrayOutputStream reported = new ByteArrayOutputStream();
    private final List<Map<String, Object>> exported = new ArrayList<>();

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
        Widgets.reportTo(new PrintStream(reported, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
        Widgets.reportTo(null);
    }

    private Form exportForm() {
        Form form = Form.of("Export model")
                .dropdown("environment", List.of("python-3.11-cpu", "java-17"))
                .text("name", "listing-price")
                .checkbox("serve", true)
                .validate(v -> v.get("name").toString().isBlank() ? "name must not be empty" : null)
                .button("Export", exported::add);
        form.mimeBundle(); // displayed
        return form;
    }

    private void type(Form form, String field, String json) {
        browser.fromBrowser(form.control(field).modelId(), """
                {"method": "update", "state": %s, "buffer_paths": []}""".formatted(json));
    }

    private void click(Form form, int button) {
        browser.fromBrowser(form.buttons().get(button).modelId(), CLICK);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }

    @Test
    void valuesAreTheFieldsCurrentValuesByNameInOrder() {
        Form form = exportForm();

        type(form, "environment", "{\"index\": 1}");
        type(form, "serve", "{\"value\": false}");

        assertThat(form.values())
                .containsExactlyEntriesOf(map("environment", "java-17", "name", "listing-price", "serve", false));
        assertThat(form.view().children()).hasSize(4); // title, fields, error line, buttons
        assertThat(((Dropdown) form.control("environment")).description()).isEqualTo("environment");
    }

    @Test
    void aButtonCallsItsActionWithTheValues() {
        Form form = exportForm();

        click(form, 0);

        assertThat(exported)
                .containsExactly(map("environment", "python-3.11-cpu", "name", "listing-price", "serve", true));
    }

    @Test
    void aFailingRuleShowsItsMessageInTheFormAndKeepsTheActionFromRunning() {
        Form form = exportForm();

        type(form, "name", "{\"value\": \"  \"}");

        assertThat(form.error()).isEqualTo("name must not be empty");
        HTML errorLine = (HTML) form.view().children().get(2);
        assertThat(errorLine.value()).contains("name must not be empty");
        click(form, 0);
        assertThat(exported).isEmpty();

        type(form, "name", "{\"value\": \"listing-price-2\"}");

        assertThat(form.error()).isEmpty();
        assertThat(errorLine.value()).isEmpty();
        click(form, 0);
        assertThat(exported).extracting(v -> v.get("name")).containsExactly("listing-price-2");
    }

    @Test
    void anActionThatFailsSaysSoInTheForm() {
        Form form = Form.of("Export model").text("name", "x").button("Export", v -> {
            throw new IllegalStateException("registry unreachable");
        });
        form.mimeBundle();

        click(form, 0);

        assertThat(form.error()).isEqualTo("Export failed: registry unreachable");
        assertThat(reported.toString(StandardCharsets.UTF_8)).contains("button 'Export' in form 'Export model'");
    }

    @Test
    void aPickerInAFormGivesTheChosenObject() {
        record Env(String name, String python) {}
        Env cpu = new Env("cpu", "3.11");
        Env gpu = new Env("gpu", "3.11");
        Picker<Env> picker = Picker.of("environment", List.of(cpu, gpu), Env::name);
        Form form = Form.of("Train")
                .picker("environment", picker)
                .validate(v -> v.get("environment") == gpu ? "no GPU quota left" : null);
        form.mimeBundle();

        browser.fromBrowser(picker.dropdown().modelId(), """
                {"method": "update", "state": {"index": 1}, "buffer_paths": []}""");

        assertThat(form.values()).containsExactlyEntriesOf(map("environment", gpu));
        assertThat(form.error()).isEqualTo("no GPU quota left");
    }

    @Test
    void aFieldNameIsUsedOnce() {
        Form form = Form.of("Export model").text("name", "a");

        assertThatThrownBy(() -> form.checkbox("name", true))
                .hasMessage("the form 'Export model' has a field 'name' already");
        assertThatThrownBy(() -> form.control("nme"))
                .hasMessage("the form 'Export model' has no field 'nme'; it has [name]");
    }
}
