package org.bighead.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HEAD mirrors GET (status and headers, no body); a method a path does not take is a 405 with Allow. */
class HttpMethodsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static Javalin server;

    @BeforeAll
    static void start() {
        server = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.http.prefer405over404 = true;
                    HttpMethods.getAndHead(c.routes, "/models/{name}", ctx -> {
                        if (!"known".equals(ctx.pathParam("name"))) {
                            throw HttpError.notFound("no model '" + ctx.pathParam("name") + "'");
                        }
                        ctx.header("X-Model", "known")
                                .contentType("application/json")
                                .result("{\"name\":\"known\"}");
                    });
                    c.routes.post("/models/{name}/predict", ctx -> ctx.result("{}"));
                    c.routes.exception(HttpError.class, (e, ctx) -> ErrorResponses.write(ctx, e));
                    c.routes.exception(
                            HttpResponseException.class,
                            (e, ctx) -> ErrorResponses.write(ctx, HttpMethods.methodNotAllowed(ctx, e)));
                })
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void headOfAMissingThingIsA404LikeGetNotA200() throws Exception {
        HttpResponse<String> get = send("GET", "/models/missing");
        HttpResponse<String> head = send("HEAD", "/models/missing");
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headOfAnExistingThingHasGetsHeadersAndNoBody() throws Exception {
        HttpResponse<String> get = send("GET", "/models/known");
        HttpResponse<String> head = send("HEAD", "/models/known");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Model")).hasValue("known");
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(head.headers().firstValue("Content-Length"))
                .isEqualTo(get.headers().firstValue("Content-Length"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aWrongMethodIsA405ThatListsTheAllowedOnesInAllow() throws Exception {
        HttpResponse<String> put = send("PUT", "/models/known");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(put.body()).contains("PUT is not allowed on /models/known; it takes GET, HEAD");
        HttpResponse<String> get = send("GET", "/models/known/predict");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(TIMEOUT)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
