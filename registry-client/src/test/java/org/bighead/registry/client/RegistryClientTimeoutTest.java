package org.bighead.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry that accepts connections but never answers must not block its callers forever. */
class RegistryClientTimeoutTest {
    private ServerSocket silent;
    private final List<Socket> accepted = new ArrayList<>();
    private Thread acceptor;
    private RegistryClient client;

    @BeforeEach
    void startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(
                () -> {
                    try {
                        while (true) {
                            Socket s = silent.accept(); // read nothing, answer nothing, keep it open
                            synchronized (accepted) {
                                accepted.add(s);
                            }
                        }
                    } catch (IOException closed) {
                        // the test is over
                    }
                },
                "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        client = new RegistryClient("http://127.0.0.1:" + silent.getLocalPort(), "token", Duration.ofMillis(300));
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
        acceptor.join(5000);
    }

    @Test
    void anApiCallToARegistryThatNeverAnswersFailsNamingTheUrl() {
        assertThatThrownBy(() -> client.models()).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage())
                    .contains(client.url())
                    .contains("GET")
                    .contains("/api/models")
                    .contains("did not answer within 0.3 s");
        });
    }

    @Test
    void aDownloadFromARegistryThatNeverAnswersFailsAndWritesNothing(@TempDir Path dir) {
        Path target = dir.resolve("m-1.bighead");
        assertThatThrownBy(() -> client.download("m", 1, target))
                .isInstanceOfSatisfying(
                        RegistryException.class,
                        e -> assertThat(e.getMessage())
                                .contains("/api/models/m/versions/1/bundle")
                                .contains("did not answer"));
        assertThat(target).doesNotExist();
    }

    @Test
    void anUploadToARegistryThatNeverAnswersFails(@TempDir Path dir) throws IOException {
        Path bundle = Files.write(dir.resolve("b.bighead"), new byte[1024]);
        assertThatThrownBy(() -> client.register("m", bundle, null))
                .isInstanceOfSatisfying(
                        RegistryException.class,
                        e -> assertThat(e.getMessage()).contains("POST").contains("did not answer"));
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new RegistryClient("http://x", null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
