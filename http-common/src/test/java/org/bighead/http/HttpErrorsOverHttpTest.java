package org.bighead.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared error pieces on a real Javalin server on port 0, wired the way the registry and the serving runtime
 * wire them: one exception mapper writing {@link HttpError}s, and {@link JsonErrorHandler} for what Jetty refuses.
 */
class HttpErrorsOverHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static Javalin server;

    @BeforeAll
    static void start() {
        server = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.jetty.modifyServer(s -> s.setErrorHandler(new JsonErrorHandler()));
                    c.routes.get("/models/{name}", ctx -> {
                        throw HttpError.badRequest("input 'rooms' must be a number")
                                .with("column", "rooms")
                                .with("row", 2);
                    });
                    c.routes.post("/upload", ctx -> {
                        // refused without reading the body, as an upload with a bad token is
                        RequestBodies.discardRest(ctx, 64L << 20);
                        boolean drained = ctx.req().getInputStream().read() < 0;
                        throw new HttpError(413, "the bundle is too large").with("drained", drained);
                    });
                    c.routes.exception(HttpError.class, (e, ctx) -> ErrorResponses.write(ctx, e));
                })
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void anHttpErrorIsAnsweredAsStatusErrorAndItsExtraFieldsInOrder() throws Exception {
        HttpResponse<String> r = CLIENT.send(request("/models/x").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body())
                .isEqualTo(
                        "{\"status\":400,\"error\":\"input 'rooms' must be a number\",\"column\":\"rooms\",\"row\":2}");
    }

    @Test
    void aMissingExtraFieldIsLeftOutAndStatusOrErrorCannotBeOverwritten() {
        HttpError error = HttpError.notFound("no model 'x' here").with("column", null);
        assertThat(new String(ErrorResponses.body(error), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":404,\"error\":\"no model 'x' here\"}");
        assertThatThrownBy(() -> error.with("status", 200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedBodyIsReadToItsEndSoTheClientStillSendingItReadsTheRefusal() throws Exception {
        byte[] eightMegabytes = new byte[8 << 20];
        HttpResponse<String> r = CLIENT.send(
                request("/upload")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(eightMegabytes))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"status\":413,\"error\":\"the bundle is too large\",\"drained\":true}");
    }

    @Test
    void aPathJettyRefusesBeforeRoutingIsJsonNotAnHtmlPage() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream()
                    .write("GET /models/a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = all.substring(0, all.indexOf("\r\n\r\n"));
            String body = all.substring(all.indexOf("\r\n\r\n") + 4);
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
            assertThat(body)
                    .startsWith("{\"status\":400,\"error\":\"the request was refused: ")
                    .doesNotContain("<html", "\tat ");
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(TIMEOUT);
    }
}
