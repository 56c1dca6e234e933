package org.bighead.environments.compute.ec2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.bighead.config.Settings;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.compute.WorkloadNotFoundException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * The AWS EC2 back end of {@link Compute}: one instance per workload, started from the environment's AMI with a
 * start script ({@link UserData}) that pulls and runs the image; tags carry the labels. {@link #stop} terminates
 * the instance (named volumes live on its disk and go with it).
 *
 * <p>Errors are EC2's own words with a hint: an unknown type, no capacity, a quota. A start that fails after
 * RunInstances answered terminates what it started before throwing, so no instance is left that nobody owns.
 */
public final class Ec2Compute implements Compute {
    /** {@link #backend()}. */
    public static final String BACKEND = "ec2";

    private final Ec2Client ec2;
    private final Ec2Settings settings;
    private final boolean ownsClient;
    private final Consumer<Workload> afterRun;

    /**
     * A back end on its own client, closed by {@link #close}; {@code credentials} null means the SDK's default chain.
     */
    public Ec2Compute(Ec2Settings settings, AwsCredentialsProvider credentials) {
        this(settings.newClient(credentials), settings, true, w -> {});
    }

    /** A back end on {@code ec2}, which the caller keeps and closes. */
    public Ec2Compute(Ec2Client ec2, Ec2Settings settings) {
        this(ec2, settings, false, w -> {});
    }

    /** {@code afterRun} runs after RunInstances answered, inside the clean-up guard (tests make it fail). */
    Ec2Compute(Ec2Client ec2, Ec2Settings settings, boolean ownsClient, Consumer<Workload> afterRun) {
        this.ec2 = ec2;
        this.settings = settings;
        this.ownsClient = ownsClient;
        this.afterRun = afterRun;
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public Workload start(LaunchSpec spec) {
        // a client token makes RunInstances idempotent: the SDK retries a call that timed out, and without one a
        // retry can start a second instance that nobody knows about
        var request = Ec2Requests.runInstances(spec, settings).toBuilder()
                .clientToken(UUID.randomUUID().toString())
                .build();
        RunInstancesResponse response;
        try {
            response = ec2.runInstances(request);
        } catch (SdkException e) {
            throw error("start " + spec.instanceType().name() + " from " + request.imageId(), e);
        }
        List<String> started =
                response.instances().stream().map(Instance::instanceId).toList();
        try {
            if (started.size() != 1) {
                throw new ComputeException("EC2 started " + started.size() + " instances where one was asked for");
            }
            Workload workload = Ec2Requests.workload(response.instances().get(0));
            afterRun.accept(workload);
            return workload;
        } catch (RuntimeException e) {
            try {
                if (!started.isEmpty()) {
                    ec2.terminateInstances(r -> r.instanceIds(started));
                }
            } catch (SdkException cleanup) {
                e.addSuppressed(cleanup);
                throw new ComputeException(
                        "the start failed (" + e.getMessage() + ") and terminating " + String.join(", ", started)
                                + " failed too (" + message(cleanup) + "): terminate it in the EC2 console",
                        e);
            }
            throw e instanceof ComputeException ce
                    ? ce
                    : new ComputeException(
                            "the start failed after EC2 started " + String.join(", ", started)
                                    + ", which is terminated again: " + e.getMessage(),
                            e);
        }
    }

    @Override
    public Workload status(String id) {
        return Ec2Requests.workload(describe(id));
    }

    @Override
    public String logs(String id, int tailLines) {
        GetConsoleOutputResponse out;
        try {
            out = ec2.getConsoleOutput(r -> r.instanceId(id));
        } catch (SdkException e) {
            throw error("read the console of " + id, e);
        }
        String text = decode(out.output());
        if (tailLines <= 0) {
            return "";
        }
        List<String> lines = Arrays.asList(text.split("\\R", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - tailLines), lines.size()));
    }

    /** Terminates {@code id}; refuses an instance Bighead did not start. */
    @Override
    public void stop(String id) {
        Instance instance = describe(id);
        if (!Ec2Requests.isBighead(instance)) {
            throw new ComputeException(id + " was not started by Bighead (no tag " + Compute.MANAGED_BY + "="
                    + Ec2Requests.MANAGED_BY_VALUE + "); Bighead leaves it alone");
        }
        try {
            ec2.terminateInstances(r -> r.instanceIds(id));
        } catch (SdkException e) {
            throw error("terminate " + id, e);
        }
    }

    /** Bighead's instances that exist (not terminated) and carry every label. */
    @Override
    public List<Workload> list(Map<String, String> labels) {
        DescribeInstancesRequest request = Ec2Requests.describeByLabels(labels);
        List<Workload> found = new ArrayList<>();
        try {
            ec2.describeInstancesPaginator(request)
                    .reservations()
                    .forEach(reservation -> reservation.instances().forEach(i -> found.add(Ec2Requests.workload(i))));
        } catch (SdkException e) {
            throw error("list instances", e);
        }
        return found;
    }

    @Override
    public void close() {
        if (ownsClient) {
            ec2.close();
        }
    }

    private Instance describe(String id) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .findFirst()
                    .orElseThrow(
                            () -> new WorkloadNotFoundException("no EC2 instance " + id + " in " + settings.region()));
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("InvalidInstanceID")) {
                throw new WorkloadNotFoundException("no EC2 instance " + id + " in " + settings.region());
            }
            throw error("look up " + id, e);
        } catch (SdkException e) {
            throw error("look up " + id, e);
        }
    }

    private static String decode(String output) {
        if (output == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(output), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return output; // some stand-ins answer in plain text
        }
    }

    /** A {@link ComputeException} saying what could not be done, EC2's own words, and what would help. */
    ComputeException error(String action, SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = String.valueOf(aws.awsErrorDetails().errorCode());
            String hint = hint(code);
            return new ComputeException(
                    "EC2 could not " + action + ": " + code + ": " + message(e) + (hint.isEmpty() ? "" : " — " + hint),
                    e);
        }
        if (e instanceof SdkClientException) {
            return new ComputeException(
                    "could not reach EC2 at " + settings.where() + " to " + action + ": " + message(e), e);
        }
        return new ComputeException("EC2 could not " + action + ": " + message(e), e);
    }

    /** What a person can do about an EC2 error code. */
    static String hint(String code) {
        if (code.startsWith("InvalidInstanceType") || code.equals("InvalidParameterValue")) {
            return "check the instance type with ./bighead hardware list";
        }
        if (code.equals("Unsupported")) {
            return "the type is not offered in this zone: try another type or subnet (" + Ec2Settings.SUBNET_ID + ")";
        }
        if (code.equals("InsufficientInstanceCapacity") || code.equals("InsufficientCapacity")) {
            return "AWS has no capacity for this type there right now: try another type, another subnet/zone ("
                    + Ec2Settings.SUBNET_ID + "), or again later";
        }
        if (code.equals("InstanceLimitExceeded")
                || code.equals("VcpuLimitExceeded")
                || code.equals("MaxSpotInstanceCountExceeded")) {
            return "an account quota: stop other instances or ask AWS for more (Service Quotas → Amazon EC2 →"
                    + " Running On-Demand/Spot instances of this family)";
        }
        if (code.startsWith("InvalidAMIID")) {
            return "check " + Ec2Settings.AMI + " (" + Settings.envName(Ec2Settings.AMI) + ")";
        }
        if (code.startsWith("InvalidSubnet")) {
            return "check " + Ec2Settings.SUBNET_ID + " (" + Settings.envName(Ec2Settings.SUBNET_ID) + ")";
        }
        if (code.startsWith("InvalidGroup") || code.startsWith("InvalidSecurityGroup")) {
            return "check " + Ec2Settings.SECURITY_GROUP_IDS + " (" + Settings.envName(Ec2Settings.SECURITY_GROUP_IDS)
                    + ")";
        }
        if (code.startsWith("InvalidKeyPair")) {
            return "check " + Ec2Settings.KEY_NAME + " (" + Settings.envName(Ec2Settings.KEY_NAME) + ")";
        }
        if (code.startsWith("InvalidInstanceID")) {
            return "no such instance in this region";
        }
        if (code.equals("UnauthorizedOperation")
                || code.equals("AuthFailure")
                || code.startsWith("InvalidClientToken")) {
            return "the AWS credentials are missing, wrong, or not allowed to do this";
        }
        return "";
    }

    private static String message(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String m = aws.awsErrorDetails().errorMessage();
            if (m != null) {
                return m;
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\(Service: .*$", "");
    }
}
