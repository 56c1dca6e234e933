package org.bighead.registry.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bundles in S3 (or an S3-compatible server: endpoint override + path-style addressing) under
 * {@code s3://bucket/prefix/ab/<sha256>.bighead}. A PutObject is visible only once complete, which gives
 * the same "no half-written artifact" promise as the local rename. Credentials come from the usual AWS
 * environment variables, profiles or instance roles.
 */
public final class S3ArtifactStore implements ArtifactStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** A store in {@code s3://bucket/prefix}; {@code endpoint} may be null (AWS itself). */
    public S3ArtifactStore(URI location, String endpoint, String region) {
        if (!"s3".equals(location.getScheme()) || location.getHost() == null) {
            throw new IllegalArgumentException("artifacts location must look like s3://bucket/prefix, got " + location);
        }
        this.bucket = location.getHost();
        String p = location.getPath() == null ? "" : location.getPath().replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        this.s3 = builder.build();
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        String key = prefix + ArtifactStore.key(sha256);
        try {
            if (exists(key)) {
                return; // same hash, same bytes
            }
            s3.putObject(
                    b -> b.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException(
                    "could not store the bundle in s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        String key = prefix + ArtifactStore.key(sha256);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchArtifactException(sha256);
        } catch (SdkException e) {
            throw new IOException("could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
