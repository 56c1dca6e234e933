package org.bighead.environments.compute.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 requests {@link Ec2Compute} sends, built from a {@link LaunchSpec} and {@link Ec2Settings}, and the
 * mapping of EC2's answers back onto {@link Workload}s. Pure: no I/O, the same input gives the same request.
 */
public final class Ec2Requests {
    /** The value of {@link Compute#MANAGED_BY} on everything Bighead starts. */
    public static final String MANAGED_BY_VALUE = "bighead";
    /** Tag with the environment image an instance runs (when it fits EC2's 256-character limit). */
    public static final String IMAGE_TAG = "org.bighead.image";
    /** EC2's Name tag: what the console shows. */
    public static final String NAME_TAG = "Name";

    /** The states of instances that still exist (terminated ones stay visible for about an hour). */
    static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private static final int MAX_TAGS = 50;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;

    private Ec2Requests() {}

    /**
     * One instance of the spec's type from the settings' AMI: the start script as user data, the spec's labels
     * with {@link Compute#MANAGED_BY} and Name as tags on the instance and its volumes, shutdown behaviour
     * "terminate", spot when the settings say so; subnet, security groups, key pair and instance profile when set.
     *
     * @throws ComputeException when no AMI is set, or a label cannot be an EC2 tag
     */
    public static RunInstancesRequest runInstances(LaunchSpec spec, Ec2Settings settings) {
        String ami = settings.requireAmi();
        List<Tag> tags = tags(spec);
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .imageId(ami)
                .instanceType(spec.instanceType().name())
                .minCount(1)
                .maxCount(1)
                .userData(UserData.renderBase64(spec))
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
                .tagSpecifications(
                        TagSpecification.builder()
                                .resourceType(ResourceType.INSTANCE)
                                .tags(tags)
                                .build(),
                        TagSpecification.builder()
                                .resourceType(ResourceType.VOLUME)
                                .tags(tags)
                                .build());
        if (settings.subnetId() != null) {
            run.subnetId(settings.subnetId());
        }
        if (!settings.securityGroupIds().isEmpty()) {
            run.securityGroupIds(settings.securityGroupIds());
        }
        if (settings.keyName() != null) {
            run.keyName(settings.keyName());
        }
        if (settings.instanceProfile() != null) {
            String profile = settings.instanceProfile();
            run.iamInstanceProfile(
                    profile.startsWith("arn:")
                            ? IamInstanceProfileSpecification.builder()
                                    .arn(profile)
                                    .build()
                            : IamInstanceProfileSpecification.builder()
                                    .name(profile)
                                    .build());
        }
        if (settings.spot()) {
            run.instanceMarketOptions(InstanceMarketOptionsRequest.builder()
                    .marketType(MarketType.SPOT)
                    .spotOptions(SpotMarketOptions.builder()
                            .spotInstanceType(SpotInstanceType.ONE_TIME)
                            .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE)
                            .build())
                    .build());
        }
        return run.build();
    }

    /**
     * The tags of a spec's instance: its labels (sorted by key), {@link Compute#MANAGED_BY} = bighead whatever the
     * labels say, the image when it fits, and Name (the spec's name, else "bighead").
     *
     * @throws ComputeException when a label is longer than EC2 allows or there are more than 50
     */
    public static List<Tag> tags(LaunchSpec spec) {
        Map<String, String> all = new LinkedHashMap<>(new TreeMap<>(spec.labels()));
        all.put(Compute.MANAGED_BY, MANAGED_BY_VALUE);
        if (spec.image().length() <= MAX_VALUE) {
            all.putIfAbsent(IMAGE_TAG, spec.image());
        }
        all.putIfAbsent(NAME_TAG, spec.name() != null ? spec.name() : "bighead");
        if (all.size() > MAX_TAGS) {
            throw new ComputeException(
                    "an EC2 instance takes at most " + MAX_TAGS + " tags; these labels make " + all.size());
        }
        List<Tag> tags = new ArrayList<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (e.getKey().isEmpty()
                    || e.getKey().length() > MAX_KEY
                    || e.getKey().startsWith("aws:")) {
                throw new ComputeException("label '" + e.getKey() + "' cannot be an EC2 tag key (1 to " + MAX_KEY
                        + " characters, not starting with aws:)");
            }
            if (e.getValue().length() > MAX_VALUE) {
                throw new ComputeException("label " + e.getKey() + " is "
                        + e.getValue().length() + " characters long; an EC2 tag value holds at most " + MAX_VALUE);
            }
            tags.add(Tag.builder().key(e.getKey()).value(e.getValue()).build());
        }
        return tags;
    }

    /**
     * Bighead's live instances carrying every one of {@code labels}: a filter {@code tag:KEY=VALUE} per label, one
     * for {@link Compute#MANAGED_BY}, and one leaving out terminated instances.
     */
    public static DescribeInstancesRequest describeByLabels(Map<String, String> labels) {
        List<Filter> filters = new ArrayList<>();
        filters.add(tagFilter(Compute.MANAGED_BY, MANAGED_BY_VALUE));
        new TreeMap<>(labels).forEach((k, v) -> {
            if (!k.equals(Compute.MANAGED_BY)) {
                filters.add(tagFilter(k, v));
            }
        });
        filters.add(
                Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
        return DescribeInstancesRequest.builder().filters(filters).build();
    }

    private static Filter tagFilter(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }

    /** The instance's tags as a map. */
    public static Map<String, String> tagMap(Instance instance) {
        Map<String, String> tags = new TreeMap<>();
        instance.tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** Whether Bighead started {@code instance} (it carries {@link Compute#MANAGED_BY} = bighead). */
    public static boolean isBighead(Instance instance) {
        return MANAGED_BY_VALUE.equals(tagMap(instance).get(Compute.MANAGED_BY));
    }

    /**
     * The workload an instance is: its tags as labels (without Name and the image tag), the Name tag as name.
     * States: pending → PENDING; running → RUNNING; stopping, stopped, shutting-down, terminated → STOPPED, except
     * an instance that shut itself down (its container exited: state reason {@code
     * Client.InstanceInitiatedShutdown}) → EXITED.
     */
    public static Workload workload(Instance instance) {
        Map<String, String> tags = tagMap(instance);
        String name = tags.remove(NAME_TAG);
        String image = tags.remove(IMAGE_TAG);
        return new Workload(
                instance.instanceId(),
                Ec2Compute.BACKEND,
                name,
                image,
                instance.instanceTypeAsString(),
                state(instance),
                null,
                tags,
                instance.privateIpAddress());
    }

    static Workload.State state(Instance instance) {
        if (instance.state() == null || instance.state().name() == null) {
            return Workload.State.UNKNOWN;
        }
        String reason = instance.stateReason() == null
                ? ""
                : String.valueOf(instance.stateReason().code());
        return switch (instance.state().name()) {
            case PENDING -> Workload.State.PENDING;
            case RUNNING -> Workload.State.RUNNING;
            case SHUTTING_DOWN, TERMINATED, STOPPING, STOPPED ->
                reason.equals("Client.InstanceInitiatedShutdown") ? Workload.State.EXITED : Workload.State.STOPPED;
            default -> Workload.State.UNKNOWN;
        };
    }
}
