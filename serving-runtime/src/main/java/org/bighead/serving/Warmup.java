package org.bighead.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;

/**
 * Runs what a serving process runs — load a bundle, listen, answer every kind of request, good and bad — and exits,
 * so {@code ./bighead setup} can record the classes it loaded in an application class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}); {@code ./bighead serve} starts from that archive. With a bundle path as the
 * argument it serves that bundle; without, it trains a tiny one on generated listings first.
 */
public final class Warmup {
    private Warmup() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bighead-serve-warmup");
        Path bundle = args.length > 0 ? Path.of(args[0]) : dir.resolve("warmup.bighead");
        if (args.length == 0) {
            Pipeline pipeline = Pipeline.of(ListingsPipelines.preprocessingThen(
                            XGBoost.regressor().rounds(5).maxDepth(3).threads(1)))
                    .target(Listings.PRICE);
            pipeline.fit(Listings.generate(300, 1)).save(bundle);
        }
        ServeConfig config = ServeConfig.defaults().withPort(0).withReferenceEndpoint(true);
        try (ServingServer server = ServingServer.start(config, new BundleFileSource(bundle))) {
            String model =
                    server.url() + "/v2/models/" + server.models().current().name();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String row = "{\"room_type\":\"Entire home/apt\",\"neighbourhood\":\"Mission\",\"accommodates\":2,"
                    + "\"bedrooms\":1,\"bathrooms\":1,\"amenities\":\"wifi kitchen\",\"review_score\":4.5,"
                    + "\"number_of_reviews\":10,\"minimum_nights\":2,\"host_is_superhost\":true,"
                    + "\"instant_bookable\":false}";
            for (int i = 0; i < 3; i++) {
                get(http, server.url() + "/v2/health/live");
                get(http, server.url() + "/v2/health/ready");
                get(http, server.url() + "/v2");
                get(http, model);
                get(http, model + "/ready");
                get(http, server.url() + "/v2/models/no-such-model");
                post(http, model + "/predict", "{\"instances\":[" + row + "," + row + "]}");
                post(http, model + "/predict", "{\"instances\":[{\"bedrooms\":\"two\"}]}");
                post(http, model + "/predict", "{\"instances\":[");
                post(http, model + "/predict", "");
                post(
                        http,
                        model + "/infer",
                        "{\"id\":\"w\",\"inputs\":[{\"name\":\"bedrooms\",\"shape\":[1],"
                                + "\"datatype\":\"FP64\",\"data\":[2]},{\"name\":\"room_type\",\"shape\":[1],"
                                + "\"datatype\":\"BYTES\",\"data\":[\"Private room\"]}]}");
                post(http, model + "/infer", "{\"inputs\":7}");
                binaryInfer(http, model + "/infer");
                post(http, model + "/predict", "{\"instances\":[{\"bedroms\":2}]}");
                http.send(
                        HttpRequest.newBuilder(URI.create(model))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                post(http, server.url() + "/reference/constant", "{}");
                get(http, server.url() + "/metrics");
                get(http, server.url() + "/openapi.json");
            }
        }
        Files.deleteIfExists(dir.resolve("warmup.bighead"));
        Files.deleteIfExists(dir);
        System.exit(0); // the archive is written as the JVM exits
    }

    private static void get(HttpClient http, String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** bedrooms = 2.0 as binary tensor data (FP64, little-endian), the predictions asked for as binary too. */
    private static void binaryInfer(HttpClient http, String url) throws Exception {
        byte[] json = ("{\"inputs\":[{\"name\":\"bedrooms\",\"shape\":[1],\"datatype\":\"FP64\","
                        + "\"parameters\":{\"binary_data_size\":8}}],\"parameters\":{\"binary_data_output\":true}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer body =
                java.nio.ByteBuffer.allocate(json.length + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        body.put(json).putDouble(2.0);
        http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header(BinaryTensors.HEADER, Integer.toString(json.length))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.array()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
