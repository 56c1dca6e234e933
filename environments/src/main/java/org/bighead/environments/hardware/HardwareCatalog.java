package org.bighead.environments.hardware;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The instance types an environment can run on. From a bundled snapshot of real AWS specs (instance-types.json,
 * dated, with on-demand prices); {@code Ec2HardwareSource} reads the live list when AWS is configured.
 */
public final class HardwareCatalog {
    private static final String SNAPSHOT = "instance-types.json";

    private final List<InstanceType> types;
    private final String source;

    public HardwareCatalog(List<InstanceType> types, String source) {
        this.types = types.stream()
                .sorted(Comparator.comparing(InstanceType::gpus)
                        .thenComparing(InstanceType::vcpus)
                        .thenComparing(InstanceType::memoryMib)
                        .thenComparing(InstanceType::name))
                .toList();
        this.source = source;
    }

    /** The bundled snapshot. */
    public static HardwareCatalog snapshot() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(SNAPSHOT)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + SNAPSHOT + " is missing from the jar");
            }
            JsonNode root = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readTree(in);
            List<InstanceType> types = new ArrayList<>();
            for (JsonNode node : root.get("instance_types")) {
                types.add(new ObjectMapper()
                        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                        .treeToValue(node, InstanceType.class));
            }
            return new HardwareCatalog(types, "snapshot of " + root.get("as_of").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled " + SNAPSHOT, e);
        }
    }

    /** Every type, CPU-only first, then by size. */
    public List<InstanceType> list() {
        return types;
    }

    /** Where the list came from: "snapshot of 2026-12-01" or "EC2 DescribeInstanceTypes in us-east-1". */
    public String source() {
        return source;
    }

    public Optional<InstanceType> find(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The type called {@code name}, or an error that lists a few valid ones. */
    public InstanceType require(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown instance type '" + name + "' (valid: "
                        + types.stream().limit(8).map(InstanceType::name).collect(Collectors.joining(", "))
                        + ", … — ./bighead hardware list shows all " + types.size() + ")"));
    }
}
