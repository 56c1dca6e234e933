package org.bighead.productionize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.productionize.deploy.Deployment;
import org.bighead.productionize.deploy.DeploymentNames;
import org.bighead.productionize.deploy.Deployments;

/**
 * A deployment's live endpoint, called from a notebook the way any client calls it: over HTTP, with the records
 * body {@code {"instances": [...]}}. {@code Endpoint.of("listing-price").predict(listing)} is the first prediction
 * after an export with {@code --serve}, from the very server the export started.
 */
public final class Endpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final String url;

    private Endpoint(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /**
     * The running deployment {@code name} on this machine ({@code ./bighead deployments list} shows them), or the one
     * an export made for model {@code name}.
     */
    public static Endpoint of(String name) {
        Deployments deployments = Deployments.fromEnvironment();
        Deployment d = deployments
                .find(name)
                .or(() -> deployments.find(DeploymentNames.fromModel(name)))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no deployment named " + name + " on this machine (./bighead deployments list shows them)"));
        if (d.endpoint() == null || !"running".equals(d.status())) {
            throw new IllegalStateException("deployment " + name + " is " + d.status() + ", not serving");
        }
        return new Endpoint(name, d.endpoint());
    }

    /** The records endpoint's URL. */
    public String url() {
        return url;
    }

    /** The prediction for one row (column → value), as the endpoint answers it. */
    public Object predict(Map<String, ?> row) {
        return predict(List.of(row)).get(0);
    }

    /** The predictions for {@code rows}, in order. */
    public List<Object> predict(List<? extends Map<String, ?>> rows) {
        JsonNode answer = answer(rows);
        List<Object> out = new ArrayList<>();
        for (JsonNode p : answer.path("predictions")) {
            out.add(p.isNumber() ? p.numberValue() : p.isBoolean() ? p.booleanValue() : p.asText());
        }
        return out;
    }

    /** The endpoint's whole answer ({@code model}, {@code version}, {@code predictions}, …) for {@code rows}. */
    public JsonNode answer(List<? extends Map<String, ?>> rows) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        rows.forEach(row -> instances.add(JSON.valueToTree(row)));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + response.statusCode() + ": "
                        + answer.path("error").asText(response.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(name + " at " + url + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + name, e);
        }
    }

    @Override
    public String toString() {
        return "Endpoint " + name + " → " + url;
    }
}
