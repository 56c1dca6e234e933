package org.bighead.registry.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bighead.http.HttpError;
import org.bighead.http.JsonProblems;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Metadata;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.registry.Json;
import org.bighead.registry.Texts;
import org.bighead.registry.artifacts.ArtifactStore;
import org.bighead.registry.store.AddedVersion;
import org.bighead.registry.store.ModelStore;
import org.bighead.registry.store.NewVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/models/{name}/versions}: stream the bundle to a temp file while hashing it, check the hash
 * and the bundle itself, fill what the caller left out from the bundle's metadata, store the bytes, and only
 * then insert the version row. A failure at any step leaves neither a row nor a file.
 */
public final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ModelStore store;
    private final ArtifactStore artifacts;
    private final Path tmpDir;
    private final long maxBundleBytes;

    /** Registration into these stores, with uploads staged in {@code tmpDir}. */
    public Registration(ModelStore store, ArtifactStore artifacts, Path tmpDir, long maxBundleBytes) {
        this.store = store;
        this.artifacts = artifacts;
        this.tmpDir = tmpDir;
        this.maxBundleBytes = maxBundleBytes;
    }

    /**
     * Registers the upload in {@code body} as the next version of {@code model}. When a version of the model already
     * has these bytes (the same SHA-256), that version is the answer and nothing is added, unless {@code info.force}
     * is true.
     */
    public Registered register(String model, String user, InputStream body, String contentType) throws IOException {
        MultipartReader reader = new MultipartReader(body, contentType);
        try (ReceivedUpload upload = receive(reader)) {
            ObjectNode info = upload.info();
            String claimed = info.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(claimed).matches()) {
                throw HttpError.badRequest("info.sha256 must be the 64 hex digits of the bundle's SHA-256");
            }
            if (!claimed.equals(upload.sha256())) {
                throw HttpError.badRequest("the bundle's SHA-256 is " + upload.sha256() + " but info.sha256 says "
                        + claimed + ": the upload was damaged or the wrong file was sent");
            }
            JsonNode force = info.path("force");
            if (!force.isMissingNode() && !force.isNull() && !force.isBoolean()) {
                throw HttpError.badRequest("info.force must be true or false (true: a new version even when one"
                        + " already has these bytes)");
            }
            NewVersion version = inspect(info, upload, user);
            artifacts.put(upload.sha256(), upload.file());
            AddedVersion added = store.addVersion(model, version, force.asBoolean(false));
            return new Registered(store.version(model, added.version()), added.existing());
        }
    }

    private ReceivedUpload receive(MultipartReader reader) throws IOException {
        try {
            return ReceivedUpload.read(reader, tmpDir, maxBundleBytes);
        } catch (EOFException e) {
            throw HttpError.badRequest("the upload was cut off: " + e.getMessage());
        }
    }

    /**
     * Opens the bundle and describes it. A bundle can pass its manifest check and still break later (a null in
     * metadata.json, a schema field without a kind): whatever it throws is the bundle's fault, so a 400.
     */
    private static NewVersion inspect(ObjectNode info, ReceivedUpload upload, String user) {
        Path file = upload.file();
        try {
            FittedPipeline pipeline = Bundle.read(file, BundleCode.DESCRIBE); // the registry runs no uploaded code
            pipeline.metadata(); // read lazily elsewhere: a broken metadata.json must fail here
            return describe(info, pipeline, upload, user);
        } catch (HttpError e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw invalid(
                    file, "a JSON file inside it (schema or metadata) is not valid JSON" + JsonProblems.describe(e));
        } catch (IOException | PipelineException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                throw invalid(
                        file,
                        "a JSON file inside it (schema or metadata) is not valid JSON" + JsonProblems.describe(json));
            }
            throw invalid(file, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            // its message is about our code, not the bundle: the log keeps it, the caller gets the fix
            LOG.warn("refused an upload whose bundle broke while being read", e);
            throw invalid(
                    file,
                    "its manifest checks out but its content could not be read (the registry log has"
                            + " the details); save the pipeline again with Bighead");
        }
    }

    private static HttpError invalid(Path file, String message) {
        return HttpError.badRequest(
                "the bundle is not a valid Bighead bundle: " + message.replace(file.toString(), "the bundle"));
    }

    private static NewVersion describe(ObjectNode info, FittedPipeline pipeline, ReceivedUpload upload, String user) {
        Metadata meta = pipeline.metadata();
        ObjectNode metrics = Json.MAPPER.createObjectNode();
        if (meta.metrics() != null) {
            meta.metrics()
                    .forEach((set, values) -> values.forEach((name, value) -> metrics.put(set + "." + name, value)));
        }
        objectOf(info, "metrics").properties().forEach(e -> {
            if (!e.getValue().isNumber()) {
                throw HttpError.badRequest("info.metrics." + e.getKey() + " must be a number");
            }
            metrics.put(e.getKey(), e.getValue().doubleValue());
        });
        ObjectNode lineage = objectOf(info, "lineage").deepCopy();
        if (!lineage.hasNonNull("dataFingerprint") && meta.dataFingerprint() != null) {
            lineage.put("dataFingerprint", meta.dataFingerprint());
        }
        if (!lineage.hasNonNull("libraryVersions") && meta.libraryVersions() != null) {
            lineage.set("libraryVersions", Json.MAPPER.valueToTree(meta.libraryVersions()));
        }
        // a job run's token (user "job:NAME", a name POST /api/tokens cannot give) speaks for the job, whatever
        // user name the run's notebook has configured
        if (!lineage.hasNonNull("user") || user.startsWith("job:")) {
            lineage.put("user", user);
        }
        ArrayNode schema = Json.MAPPER.createArrayNode();
        for (Field f : pipeline.inputSchema().fields()) {
            ObjectNode field = schema.addObject();
            field.put("name", f.name());
            field.put("kind", f.kind().name());
            field.put("sourceType", f.sourceType()); // BOOLEAN, INTEGER, DOUBLE, STRING: what the data held
            field.put("nullable", f.nullable());
            field.set("categories", Json.MAPPER.valueToTree(f.categories()));
        }
        JsonNode description = info.path("description");
        // the limits of V1__registry.sql; NUL is refused everywhere (PostgreSQL cannot store it)
        return new NewVersion(
                upload.sha256(),
                upload.size(),
                Texts.check(description.isTextual() ? description.asText() : "", "info.description", 10_000),
                pipeline.task().name().toLowerCase(Locale.ROOT),
                Texts.check(pipeline.target() == null ? "" : pipeline.target(), "the bundle's target column name", 256),
                Texts.noNul(schema, "the bundle's input schema"),
                (ObjectNode) Texts.noNul(textValues(info, "params"), "info.params"),
                (ObjectNode) Texts.noNul(metrics, "info.metrics"),
                (ObjectNode) Texts.noNul(textValues(info, "tags"), "info.tags"),
                (ObjectNode) Texts.noNul(lineage, "info.lineage"),
                Texts.noNul(pipeline.graph().toSvg(), "the bundle's pipeline graph"),
                user);
    }

    private static ObjectNode objectOf(ObjectNode info, String field) {
        JsonNode node = info.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("info." + field + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** An object whose values are kept as text ("rounds": 200 becomes "200"), so params compare as written. */
    private static ObjectNode textValues(ObjectNode info, String field) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> e : objectOf(info, field).properties()) {
            if (e.getValue().isContainerNode()) {
                throw HttpError.badRequest("info." + field + "." + e.getKey() + " must be text or a number");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
