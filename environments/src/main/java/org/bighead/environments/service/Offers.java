package org.bighead.environments.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bighead.environments.hardware.InstanceType;

/**
 * What a notebook server may be started with: the environments, the instance types and the back ends, with the
 * reason a back end cannot offer a type (a local host without GPUs, a type larger than the host). Pure data: the
 * hub's form is drawn from it, and {@link #check} refuses a choice before anything is created.
 *
 * @param backends the configured back ends, the default first ({@code docker}, {@code ec2})
 * @param unavailable per back end, the types it cannot offer and why
 */
public record Offers(
        List<EnvironmentOffer> environments,
        List<InstanceType> instanceTypes,
        List<String> backends,
        Map<String, Map<String, String>> unavailable) {

    public Offers {
        environments = List.copyOf(environments);
        instanceTypes = List.copyOf(instanceTypes);
        backends = List.copyOf(backends);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        unavailable.forEach((backend, reasons) -> copy.put(backend, Map.copyOf(reasons)));
        unavailable = java.util.Collections.unmodifiableMap(copy);
    }

    /** An environment as the form shows it. */
    public record EnvironmentOffer(String name, String description, boolean gpu, int jdk, String from) {
        public EnvironmentOffer {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
        }
    }

    /** A checked choice: the environment, the type and the back end to start it on. */
    public record Choice(EnvironmentOffer environment, InstanceType instanceType, String backend) {}

    /** Why {@code backend} cannot offer {@code type}, or empty when it can. */
    public Optional<String> unavailable(String backend, String type) {
        return Optional.ofNullable(unavailable.getOrDefault(backend, Map.of()).get(type));
    }

    /** The types {@code backend} can offer. */
    public List<InstanceType> offeredOn(String backend) {
        return instanceTypes.stream()
                .filter(t -> unavailable(backend, t.name()).isEmpty())
                .toList();
    }

    /**
     * The choice {@code environment} on {@code instanceType} with {@code backend} (the default back end when null).
     *
     * @throws OfferException naming the value that is wrong and listing the valid ones
     */
    public Choice check(String environment, String instanceType, String backend) {
        String b = backend == null || backend.isBlank() ? backends.get(0) : backend;
        if (!backends.contains(b)) {
            throw new OfferException("unknown back end '" + b + "' (valid: " + String.join(", ", backends) + ")");
        }
        if (environment == null || environment.isBlank()) {
            throw new OfferException("no environment was chosen (valid: " + environmentNames() + ")");
        }
        EnvironmentOffer env = environments.stream()
                .filter(e -> e.name().equals(environment))
                .findFirst()
                .orElseThrow(() -> new OfferException(
                        "unknown environment '" + environment + "' (valid: " + environmentNames() + ")"));
        if (instanceType == null || instanceType.isBlank()) {
            throw new OfferException("no instance type was chosen (valid on " + b + ": " + typeNames(b) + ")");
        }
        InstanceType type = instanceTypes.stream()
                .filter(t -> t.name().equals(instanceType))
                .findFirst()
                .orElseThrow(() -> new OfferException(
                        "unknown instance type '" + instanceType + "' (valid on " + b + ": " + typeNames(b) + ")"));
        Optional<String> why = unavailable(b, type.name());
        if (why.isPresent()) {
            throw new OfferException("the " + b + " back end cannot offer " + type.name() + " (it needs "
                    + why.get() + "); valid on " + b + ": " + typeNames(b)
                    + (backends.size() > 1
                            ? " (or choose another back end: " + String.join(", ", backends) + ")"
                            : ""));
        }
        return new Choice(env, type, b);
    }

    private String environmentNames() {
        return environments.stream().map(EnvironmentOffer::name).collect(Collectors.joining(", "));
    }

    private String typeNames(String backend) {
        List<InstanceType> offered = offeredOn(backend);
        return offered.isEmpty()
                ? "none"
                : offered.stream().map(InstanceType::name).collect(Collectors.joining(", "));
    }

    /** A choice that cannot be offered, said so that a person can fix it. */
    public static final class OfferException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public OfferException(String message) {
            super(message);
        }
    }
}
