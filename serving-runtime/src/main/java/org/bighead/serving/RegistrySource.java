package org.bighead.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.bighead.registry.client.ModelBundle;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model in the registry: {@code listing-price@champion} follows the alias, {@code listing-price} the latest
 * version, {@code listing-price/3} stays on version 3. Bundles are downloaded once into a cache folder (verified
 * against the registry's SHA-256 on the way in and again when read). When it has somewhere to say so (a write
 * token), the source records a deployment for the version that actually serves, on start and after every swap,
 * and marks it stopped on shutdown.
 */
public final class RegistrySource implements ModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySource.class);

    private final RegistryClient client;
    private final ModelRef ref;
    private final Path cache;
    private volatile String endpoint; // where this server answers, once it does
    private volatile String reportedVersion; // the version last recorded as deployed there
    private volatile boolean stopped; // shut down: no more "running" reports

    /** Serves {@code ref} from the registry behind {@code client}, caching bundles under {@code cache}. */
    public RegistrySource(RegistryClient client, ModelRef ref, Path cache) {
        this.client = client;
        this.ref = ref;
        this.cache = cache;
    }

    /** The default cache: {@code $BIGHEAD_HOME/cache/models} (BIGHEAD_HOME defaults to ~/.bighead). */
    public static Path defaultCache() {
        return ModelBundle.defaultCache();
    }

    @Override
    public String name() {
        return ref.model();
    }

    /** Whether this source can move to another version (an alias or "latest"; a pinned version cannot). */
    public boolean follows() {
        return ref.version() == null;
    }

    @Override
    public ResolvedModel resolve() throws IOException {
        return fetch(client.resolve(ref));
    }

    @Override
    public Optional<ResolvedModel> poll(ResolvedModel current) throws IOException {
        report(current.version());
        if (!follows()) {
            return Optional.empty();
        }
        int now = ref.alias() != null
                ? client.alias(ref.model(), ref.alias())
                : client.resolve(ref).version();
        if (String.valueOf(now).equals(current.version())) {
            return Optional.empty();
        }
        return Optional.of(fetch(client.version(ref.model(), now)));
    }

    /** From now on, records in the registry that this endpoint serves the current version (needs a write token). */
    public void reportDeploymentsTo(String endpointUrl, String servingVersion) {
        this.endpoint = endpointUrl;
        report(servingVersion);
    }

    private void report(String servingVersion) {
        if (endpoint == null || stopped || servingVersion.equals(reportedVersion)) {
            return;
        }
        reportedVersion = servingVersion; // once per version, whether or not the registry takes it
        try {
            client.recordDeployment(
                    ref.model(), Integer.parseInt(servingVersion), ref.alias(), endpoint, "serving", "running");
        } catch (RegistryException e) {
            LOG.info("not recorded as a deployment in the registry ({}): {}", client.url(), e.getMessage());
        }
    }

    /**
     * Best effort, on shutdown: records this endpoint's deployment as "stopped", waiting at most {@code timeout}
     * for the registry (the call goes on a daemon thread, so a registry that never answers cannot hold the
     * process). Does nothing when no deployment was reported.
     */
    public void reportStopped(Duration timeout) {
        stopped = true;
        String at = endpoint;
        String version = reportedVersion;
        if (at == null || version == null) {
            return;
        }
        Thread call = new Thread(
                () -> {
                    try {
                        client.recordDeployment(
                                ref.model(), Integer.parseInt(version), ref.alias(), at, "serving", "stopped");
                    } catch (RegistryException e) {
                        LOG.info("not recorded as stopped in the registry ({}): {}", client.url(), e.getMessage());
                    }
                },
                "bighead-report-stopped");
        call.setDaemon(true);
        call.start();
        try {
            call.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (call.isAlive()) {
            LOG.info(
                    "the registry at {} did not answer within {} ms; not recorded as stopped",
                    client.url(),
                    timeout.toMillis());
        }
    }

    private ResolvedModel fetch(Version version) throws IOException {
        ModelBundle bundle = ModelBundle.fetch(client, version, cache);
        return new ResolvedModel(
                bundle.name(), bundle.version(), bundle.bytes(), bundle.sha256(), client.url() + " " + ref, true);
    }
}
