package org.bighead.environments.hardware;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The instance types an environment can run on. From a bundled snapshot of real AWS specs (instance-types.json,
 * dated, with on-demand prices); {@code Ec2HardwareSource} reads the live list when AWS is configured.
 */
public final class HardwareCatalog {
    private static final String SNAPSHOT = "instance-types.json";
    /** The region whose on-demand Linux prices the snapshot holds. */
    public static final String PRICE_REGION = "us-east-1";

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
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            JsonNode root = json.readTree(in);
            List<InstanceType> types = new ArrayList<>();
            for (JsonNode node : root.get("instance_types")) {
                types.add(json.treeToValue(node, InstanceType.class));
            }
            return new HardwareCatalog(types, "snapshot of " + root.get("as_of").asText() + " prices, " + PRICE_REGION);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled " + SNAPSHOT, e);
        }
    }

    /** Every type, CPU-only first, then by size. */
    public List<InstanceType> list() {
        return types;
    }

    /**
     * Where the list came from: {@code "snapshot of 2025-05-01 prices, us-east-1"} or {@code "EC2
     * DescribeInstanceTypes in eu-west-1 (prices: snapshot of …)"}.
     */
    public String source() {
        return source;
    }

    /** The known on-demand prices by type name (types without a price are left out). */
    public Map<String, Double> prices() {
        Map<String, Double> prices = new LinkedHashMap<>();
        for (InstanceType type : types) {
            if (type.pricePerHour() != null) {
                prices.put(type.name(), type.pricePerHour());
            }
        }
        return prices;
    }

    /** Only the types with at least one GPU, same order, same source. */
    public HardwareCatalog gpuOnly() {
        return new HardwareCatalog(types.stream().filter(InstanceType::hasGpu).toList(), source);
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
