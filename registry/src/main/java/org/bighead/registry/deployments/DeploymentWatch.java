package org.bighead.registry.deployments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bighead.registry.client.Deployment;
import org.bighead.registry.store.DeploymentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks serving deployments on this machine that no longer answer as {@code lost}: a server started from a notebook
 * dies with its kernel, its hub server or the lab, and nothing tells the registry. Only loopback targets are probed:
 * a refused connection there is certain, while a remote target may be unreachable from here and healthy (its
 * platform, Kubernetes or EC2, knows). A slow answer is not a death: only a refused connection counts.
 */
public final class DeploymentWatch implements AutoCloseable {
    /** Who the registry says marked a deployment lost. */
    public static final String WATCHER = "registry";

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentWatch.class);
    private final DeploymentStore store;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deployment-watch");
        t.setDaemon(true);
        return t;
    });

    /** A watch over {@code store}'s deployments; {@link #start} runs it on a timer. */
    public DeploymentWatch(DeploymentStore store) {
        this.store = store;
    }

    /** Checks every {@code every} from now on, until {@link #close}. */
    public DeploymentWatch start(Duration every) {
        var unused = timer.scheduleWithFixedDelay( // each pass catches its own failures: the future holds none
                () -> {
                    try {
                        checkOnce();
                    } catch (RuntimeException e) {
                        LOG.warn("checking deployments failed: {}", e.toString());
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass: probes each running serving deployment at a loopback address; returns those now marked lost. */
    public List<Deployment> checkOnce() {
        List<Deployment> lost = new ArrayList<>();
        for (Deployment d : store.deployments(null)) {
            if (d.status().equals("running")
                    && d.kind().equals("serving")
                    && onThisMachine(d.target())
                    && refused(d.target())) {
                store.lost(d, WATCHER).ifPresent(now -> {
                    LOG.info(
                            "deployment of {} v{} at {} no longer answers: marked lost",
                            d.model(),
                            d.version(),
                            d.target());
                    lost.add(now);
                });
            }
        }
        return lost;
    }

    /** Whether {@code target} is an http(s) URL on this machine's loopback interface. */
    public static boolean onThisMachine(String target) {
        try {
            URI uri = URI.create(target);
            String host = uri.getHost();
            if (host == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return false;
            }
            // a literal address or localhost only: no DNS lookup for a name that might be anywhere
            return host.equals("localhost")
                    || (host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")
                            && InetAddress.getByName(host).isLoopbackAddress());
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    private boolean refused(String target) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(target.replaceAll("/+$", "") + "/v2/health/live"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            http.send(probe, HttpResponse.BodyHandlers.discarding()); // any answer: something serves there
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false; // a timeout or a reset: busy or restarting, not known to be gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
