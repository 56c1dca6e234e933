package org.bighead.environments.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The notebook image's JupyterLab is the lab's: its pins are requirements.txt's where they overlap, and the packages
 * JupyterLab pulls in that the lab pins (jupyter_builder) are pinned in the image too, so neither floats.
 */
class NotebookRequirementsTest {
    @Test
    void theNotebookImagePinsWhatTheLabPinsForJupyterLabAndNothingElseDiffers() throws IOException {
        Map<String, String> image;
        try (InputStream in = ImageSpecs.class.getResourceAsStream("notebook-requirements.txt")) {
            image = pins(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Map<String, String> lab = pins(Files.readString(Path.of("..", "requirements.txt")));

        assertThat(image).containsKeys("jupyterlab", "jupyter-builder", "jupyterlab-widgets", "ipywidgets");
        image.forEach((name, version) -> {
            if (lab.containsKey(name)) {
                assertThat(version).as(name).isEqualTo(lab.get(name));
            }
        });
    }

    /** name (normalized as pip compares names: lower case, runs of -_. as one -) to its pinned version. */
    private static Map<String, String> pins(String requirements) {
        Map<String, String> pins = new TreeMap<>();
        for (String line : requirements.split("\n")) {
            String pin = line.replaceFirst("#.*", "").strip();
            if (pin.contains("==")) {
                String name = pin.substring(0, pin.indexOf("=="))
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[-_.]+", "-");
                pins.put(name, pin.substring(pin.indexOf("==") + 2).strip());
            }
        }
        return pins;
    }
}
