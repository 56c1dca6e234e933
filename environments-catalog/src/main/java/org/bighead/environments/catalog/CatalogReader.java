package org.bighead.environments.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads environment specs from YAML (the team's catalog, one file per environment) or from their JSON form (derived
 * environments kept by the registry), and validates them against the schema below. Every error names the file, the
 * field and what is allowed.
 *
 * <pre>
 * name: cpu                          # required, = the file's name; lowercase letters, digits and '-'
 * description: CPU, XGBoost + DJL    # optional
 * jdk: 17                            # required: 17, 21 or 25
 * carries: [xgboost, djl-pytorch-cpu] # optional: xgboost, djl-pytorch-cpu, djl-pytorch-cuda, spark
 * maven: [g:a:v, …]                  # optional, extra class path
 * pip: [name==version, …]            # optional, notebook server packages, pinned
 * apt: [package, …]                  # optional, Debian packages for the notebook image
 * gpu: false                         # optional; true needs djl-pytorch-cuda
 * labels: {team: ml}                 # optional, strings
 * from: cpu                          # derived environments only
 * </pre>
 */
public final class CatalogReader {
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern COORDINATE = Pattern.compile("[^\\s:]+(:[^\\s:]+){2,4}");
    private static final Pattern PIP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\[\\],-]*==[A-Za-z0-9.+!*_-]+");
    private static final Pattern APT = Pattern.compile("[a-z0-9][a-z0-9.+-]+(=[A-Za-z0-9.+~:-]+)?");
    private static final Set<String> FIELDS =
            Set.of("name", "description", "from", "jdk", "carries", "maven", "pip", "apt", "gpu", "labels");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CatalogReader() {}

    /** Every {@code *.yaml} file of {@code dir}, sorted by name; names must be unique. */
    public static List<EnvironmentSpec> readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CatalogException("no environment catalog at " + dir);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CatalogException("could not list " + dir + ": " + e.getMessage());
        }
        List<EnvironmentSpec> specs = new ArrayList<>();
        for (Path file : files) {
            specs.add(readFile(file));
        }
        specs.sort(java.util.Comparator.comparing(EnvironmentSpec::name));
        return specs;
    }

    public static EnvironmentSpec readFile(Path file) {
        String where = file.getFileName().toString();
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new CatalogException(where + ": not valid YAML (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new CatalogException(where + ": could not be read (" + e.getMessage() + ")");
        }
        EnvironmentSpec spec = fromTree(node, where, "catalog/" + where);
        String expected = where.substring(0, where.length() - ".yaml".length());
        if (!spec.name().equals(expected)) {
            throw new CatalogException(where + ": field 'name' is '" + spec.name() + "' but must match the file name ('"
                    + expected + "')");
        }
        if (spec.from() != null) {
            throw new CatalogException(where + ": field 'from' is for derived environments (./bighead env create),"
                    + " not for the team's catalog");
        }
        return spec;
    }

    /** A spec from its JSON (or YAML) tree; {@code where} names it in errors, {@code source} is kept on the spec. */
    public static EnvironmentSpec fromTree(JsonNode node, String where, String source) {
        if (node == null || !node.isObject()) {
            throw new CatalogException(
                    where + ": expected a mapping of fields (" + String.join(", ", sortedFields()) + ")");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new CatalogException(
                        where + ": unknown field '" + field + "' (allowed: " + String.join(", ", sortedFields()) + ")");
            }
        }
        String name = text(node, "name", where, true);
        if (!NAME.matcher(name).matches()) {
            throw new CatalogException(where + ": field 'name' is '" + name
                    + "'; allowed: lowercase letters, digits and '-', starting with a letter, at most 40 characters");
        }
        JsonNode jdkNode = node.get("jdk");
        boolean derived = node.hasNonNull("from");
        if (derived && (jdkNode == null || jdkNode.isNull())) {
            jdkNode = com.fasterxml.jackson.databind.node.IntNode.valueOf(0); // inherited from what it derives from
        } else if (jdkNode == null || !jdkNode.canConvertToInt() || !EnvironmentSpec.JDKS.contains(jdkNode.asInt())) {
            throw new CatalogException(where + ": field 'jdk' is " + (jdkNode == null ? "missing" : "'" + jdkNode + "'")
                    + "; allowed: 17, 21, 25");
        }
        Set<Carry> carries = new LinkedHashSet<>();
        for (String c : strings(node, "carries", where)) {
            carries.add(Carry.fromYaml(c)
                    .orElseThrow(() -> new CatalogException(
                            where + ": field 'carries' has '" + c + "'; allowed: " + Carry.allowed())));
        }
        if (carries.contains(Carry.DJL_PYTORCH_CPU) && carries.contains(Carry.DJL_PYTORCH_CUDA)) {
            throw new CatalogException(where + ": field 'carries' has both djl-pytorch-cpu and djl-pytorch-cuda;"
                    + " allowed: one PyTorch flavour");
        }
        List<String> maven = matching(node, "maven", where, COORDINATE, "groupId:artifactId:version");
        List<String> pip = matching(node, "pip", where, PIP, "pinned requirements such as pandas==2.2.3");
        List<String> apt = matching(node, "apt", where, APT, "Debian package names such as graphviz");
        JsonNode gpuNode = node.get("gpu");
        if (gpuNode != null && !gpuNode.isBoolean()) {
            throw new CatalogException(where + ": field 'gpu' is '" + gpuNode + "'; allowed: true, false");
        }
        boolean gpu = gpuNode != null && gpuNode.booleanValue();
        if (gpu && !carries.contains(Carry.DJL_PYTORCH_CUDA)) {
            throw new CatalogException(where + ": field 'gpu' is true but 'carries' lacks djl-pytorch-cuda;"
                    + " a GPU environment carries the CUDA natives");
        }
        if (!gpu && carries.contains(Carry.DJL_PYTORCH_CUDA)) {
            throw new CatalogException(where + ": 'carries' has djl-pytorch-cuda but field 'gpu' is not true");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelsNode = node.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            if (!labelsNode.isObject()) {
                throw new CatalogException(where + ": field 'labels' must be a mapping of strings (team: ml)");
            }
            for (Map.Entry<String, JsonNode> e : labelsNode.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new CatalogException(
                            where + ": field 'labels." + e.getKey() + "' must be a string, number or boolean");
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
        }
        String from = text(node, "from", where, false);
        if (from != null && !NAME.matcher(from).matches()) {
            throw new CatalogException(where + ": field 'from' is '" + from + "', which is not an environment name");
        }
        return new EnvironmentSpec(
                name,
                text(node, "description", where, false),
                from,
                jdkNode.asInt(),
                carries,
                maven,
                pip,
                apt,
                gpu,
                labels,
                source);
    }

    private static List<String> sortedFields() {
        return FIELDS.stream().sorted().toList();
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new CatalogException(where + ": field '" + field + "' is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new CatalogException(where + ": field '" + field + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new CatalogException(where + ": field '" + field + "' must be a list, e.g. " + field + ": [a, b]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new CatalogException(where + ": field '" + field + "' has " + item + ", which is not a string");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static List<String> matching(JsonNode node, String field, String where, Pattern pattern, String allowed) {
        List<String> values = strings(node, field, where);
        for (String v : values) {
            if (!pattern.matcher(v).matches()) {
                throw new CatalogException(where + ": field '" + field + "' has '" + v + "'; allowed: " + allowed);
            }
        }
        return values;
    }
}
