package org.bighead.environments.compute.ec2;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bighead.config.Settings;
import org.bighead.environments.compute.ComputeException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Where and how Bighead starts EC2 instances, from {@link Settings} (each key is also the variable {@code
 * BIGHEAD_…}, e.g. {@code ec2.ami} is {@code BIGHEAD_EC2_AMI}):
 *
 * <ul>
 *   <li>{@value #REGION} — the region; else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}. AWS counts as
 *       configured when a region or an endpoint is set.
 *   <li>{@value #ENDPOINT} — another EC2 endpoint (moto server in the tests, a VPC endpoint).
 *   <li>{@value #AMI} — the environment's machine image: Docker (and for GPU types the NVIDIA container toolkit)
 *       installed. Required to start anything.
 *   <li>{@value #SUBNET_ID}, {@value #SECURITY_GROUP_IDS} (comma-separated), {@value #KEY_NAME}, {@value
 *       #INSTANCE_PROFILE} (name or ARN; it needs ECR read access for images in ECR) — optional.
 *   <li>{@value #SPOT} — {@code true} for spot instances (one-time, terminated on interruption).
 * </ul>
 *
 * Credentials come from the AWS SDK's default chain (environment, {@code ~/.aws}, instance role).
 */
public record Ec2Settings(
        String region,
        URI endpoint,
        String ami,
        String subnetId,
        List<String> securityGroupIds,
        String keyName,
        String instanceProfile,
        boolean spot) {

    public static final String REGION = "aws.region";
    public static final String ENDPOINT = "aws.endpoint";
    public static final String AMI = "ec2.ami";
    public static final String SUBNET_ID = "ec2.subnet-id";
    public static final String SECURITY_GROUP_IDS = "ec2.security-group-ids";
    public static final String KEY_NAME = "ec2.key-name";
    public static final String INSTANCE_PROFILE = "ec2.instance-profile";
    public static final String SPOT = "ec2.spot";

    /** The region used when only an endpoint is set. */
    public static final String DEFAULT_REGION = "us-east-1";

    public Ec2Settings {
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    }

    /** The settings of this process (its environment and {@code ~/.bighead/config.json}). */
    public static Ec2Settings load() {
        return from(Settings.load(), System.getenv());
    }

    /**
     * Reads the settings; {@code env} is the process environment, for {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}.
     *
     * @throws ComputeException when a value is malformed (an endpoint that is no URL, a spot flag that is no
     *     boolean)
     */
    public static Ec2Settings from(Settings settings, Map<String, String> env) {
        URI endpoint = settings.get(ENDPOINT).map(Ec2Settings::endpoint).orElse(null);
        String region = settings.get(REGION)
                .or(() -> nonBlank(env.get("AWS_REGION")))
                .or(() -> nonBlank(env.get("AWS_DEFAULT_REGION")))
                .orElse(endpoint != null ? DEFAULT_REGION : null);
        String spot = settings.get(SPOT).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!spot.equals("true") && !spot.equals("false")) {
            throw new ComputeException("the setting " + SPOT + " (" + Settings.envName(SPOT)
                    + ") must be true or false, not '" + spot + "'");
        }
        List<String> groups = settings.get(SECURITY_GROUP_IDS)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
        return new Ec2Settings(
                region,
                endpoint,
                settings.get(AMI).orElse(null),
                settings.get(SUBNET_ID).orElse(null),
                groups,
                settings.get(KEY_NAME).orElse(null),
                settings.get(INSTANCE_PROFILE).orElse(null),
                spot.equals("true"));
    }

    /** Whether AWS is configured here: a region or an endpoint is set. */
    public boolean configured() {
        return region != null;
    }

    /** The same settings with another region and endpoint (a command-line flag wins over the settings). */
    public Ec2Settings withLocation(String newRegion, URI newEndpoint) {
        return new Ec2Settings(
                newRegion != null ? newRegion : (newEndpoint != null && region == null ? DEFAULT_REGION : region),
                newEndpoint != null ? newEndpoint : endpoint,
                ami,
                subnetId,
                securityGroupIds,
                keyName,
                instanceProfile,
                spot);
    }

    /** The same settings with another AMI. */
    public Ec2Settings withAmi(String newAmi) {
        return new Ec2Settings(region, endpoint, newAmi, subnetId, securityGroupIds, keyName, instanceProfile, spot);
    }

    /** The same settings with spot on or off. */
    public Ec2Settings withSpot(boolean newSpot) {
        return new Ec2Settings(region, endpoint, ami, subnetId, securityGroupIds, keyName, instanceProfile, newSpot);
    }

    /** The AMI, or a {@link ComputeException} naming the setting when none is set. */
    public String requireAmi() {
        if (ami == null || ami.isBlank()) {
            throw new ComputeException("no machine image for EC2: set " + AMI + " (" + Settings.envName(AMI)
                    + ") to an AMI id with Docker installed, e.g. ami-0123456789abcdef0");
        }
        return ami;
    }

    /** Where EC2 is reached, for messages: the endpoint when set, else the region. */
    public String where() {
        return endpoint != null ? endpoint + " (" + region + ")" : String.valueOf(region);
    }

    /**
     * A client for these settings ({@code credentials} null means the SDK's default chain). The caller closes it.
     *
     * @throws ComputeException when AWS is not configured
     */
    public Ec2Client newClient(AwsCredentialsProvider credentials) {
        if (!configured()) {
            throw new ComputeException("AWS is not configured: set " + REGION + " (" + Settings.envName(REGION)
                    + ") or AWS_REGION, and credentials as the AWS SDK reads them (AWS_ACCESS_KEY_ID/"
                    + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role)");
        }
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .credentialsProvider(
                        credentials != null
                                ? credentials
                                : DefaultCredentialsProvider.builder().build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ComputeException("the setting " + ENDPOINT + " (" + Settings.envName(ENDPOINT)
                    + ") must be a URL like http://127.0.0.1:5000, not '" + value + "'");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
