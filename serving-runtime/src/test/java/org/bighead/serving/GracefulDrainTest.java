package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutdown stops accepting connections but lets a request already in flight finish. */
class GracefulDrainTest {

    @Test
    void aRequestInFlightWhenShutdownStartsCompletes() throws Exception {
        TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"));
        int port = s.server.port();
        SlowUpload upload = new SlowUpload(
                s, s.model() + "/predict", TestServer.instances(java.util.List.of(TestModels.goodRow())), 10);
        s.awaitInflight(1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (accepts(port)) {
            assertThat(System.nanoTime()).as("the server stops accepting").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(stopping).as("shutdown waits for the request in flight").isNotDone();

        TestServer.Response r = upload.finish();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("predictions").get(0).doubleValue())
                .isEqualTo(TestModels.price().predict(TestModels.goodRow()).value());
        stopping.get(30, TimeUnit.SECONDS);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
