package org.bighead.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The API suite with bundles in S3 (SQLite metadata), when BIGHEAD_TEST_S3_ENDPOINT, _BUCKET, _ACCESS_KEY and
 * _SECRET_KEY are set, e.g. for S3Proxy. Each run writes under its own prefix; the bucket is created if missing.
 */
class S3ApiTest extends RegistryApiContract {
    static final List<String> ENV = List.of(
            "BIGHEAD_TEST_S3_ENDPOINT",
            "BIGHEAD_TEST_S3_BUCKET",
            "BIGHEAD_TEST_S3_ACCESS_KEY",
            "BIGHEAD_TEST_S3_SECRET_KEY");

    @Override
    RegistryConfig config(Path dir) {
        List<String> missing = ENV.stream()
                .filter(e -> System.getenv(e) == null || System.getenv(e).isBlank())
                .toList();
        assumeTrue(missing.isEmpty(), () -> {
            System.out.println("S3ApiTest skipped: set " + missing);
            return missing + " not set";
        });
        String endpoint = System.getenv("BIGHEAD_TEST_S3_ENDPOINT");
        String bucket = System.getenv("BIGHEAD_TEST_S3_BUCKET");
        // the SDK's default provider chain reads these system properties as well as AWS_* variables
        System.setProperty("aws.accessKeyId", System.getenv("BIGHEAD_TEST_S3_ACCESS_KEY"));
        System.setProperty("aws.secretAccessKey", System.getenv("BIGHEAD_TEST_S3_SECRET_KEY"));
        try (S3Client s3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("BIGHEAD_TEST_S3_ACCESS_KEY"), System.getenv("BIGHEAD_TEST_S3_SECRET_KEY"))))
                .build()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
        }
        String prefix = "bighead-test-" + UUID.randomUUID().toString().substring(0, 8);
        return RegistryConfig.local(dir).port(0).s3("s3://" + bucket + "/" + prefix, endpoint, "us-east-1");
    }

    @Override
    String expectedStore() {
        return "sqlite";
    }

    @Override
    String expectedArtifacts() {
        return "s3";
    }
}
