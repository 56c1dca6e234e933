package org.bighead.environments.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An image as data: its base, its layers and their files, its environment and labels. Rendered by {@link ImageSpecs}
 * without touching Docker; {@code ImageBuilder} applies it. The tag is content-addressed: the same spec (the same
 * Dockerfile and the same bytes in every file) gives the same tag, so an unchanged environment is never rebuilt.
 *
 * @param repository e.g. {@code bighead/env-cpu}
 * @param from the base image reference, or {@code scratch}
 * @param labels deterministic labels, written into the Dockerfile (environment, flavour, JDK, Bighead version)
 */
public record ImageSpec(
        String repository,
        String from,
        List<Layer> layers,
        Map<String, String> env,
        List<String> cmd,
        Map<String, String> labels) {

    public ImageSpec {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(from, "from");
        layers = List.copyOf(layers);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        cmd = List.copyOf(cmd);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public String dockerfile() {
        List<String> lines = new ArrayList<>();
        lines.add("# " + repository + ": rendered by Bighead (org.bighead.environments.image.ImageSpecs); do not edit");
        lines.add("FROM " + from);
        for (Layer layer : layers) {
            List<String> instructions = layer.instructions();
            if (!instructions.isEmpty()) {
                lines.add("# layer: " + layer.name());
                lines.addAll(instructions);
            }
        }
        if (!env.isEmpty()) {
            lines.add("ENV "
                    + env.entrySet().stream()
                            .map(e -> e.getKey() + "=" + quote(e.getValue()))
                            .collect(Collectors.joining(" ")));
        }
        if (!labels.isEmpty()) {
            lines.add("LABEL "
                    + labels.entrySet().stream()
                            .map(e -> e.getKey() + "=" + quote(e.getValue()))
                            .collect(Collectors.joining(" ")));
        }
        if (!cmd.isEmpty()) {
            lines.add("CMD [" + cmd.stream().map(ImageSpec::quote).collect(Collectors.joining(", ")) + "]");
        }
        return String.join("\n", lines) + "\n";
    }

    /** SHA-256 of the Dockerfile and of every context file's path, mode and digest. */
    public String hash() {
        StringBuilder text = new StringBuilder(dockerfile());
        for (ContextFile f : files()) {
            text.append(f.path())
                    .append(' ')
                    .append(Integer.toOctalString(f.mode()))
                    .append(' ')
                    .append(f.sha256())
                    .append('\n');
        }
        return FileDigests.sha256(text.toString());
    }

    /** {@code repository:hash12}. */
    public String reference() {
        return repository + ":" + hash().substring(0, 12);
    }

    public List<ContextFile> files() {
        return layers.stream().flatMap(l -> l.files().stream()).toList();
    }

    public Layer layer(String name) {
        return layers.stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer " + name));
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
