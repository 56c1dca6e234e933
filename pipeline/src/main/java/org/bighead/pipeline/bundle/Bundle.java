package org.bighead.pipeline.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Metadata;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Schema;
import org.bighead.pipeline.StageTypes;

/**
 * The {@code .bighead} file: a zip of {@code pipeline.json} (format version, target, stages with their type and
 * parameters), {@code schema/input.json}, {@code schema/output.json}, {@code metadata.json}, model files under
 * {@code stages/NN-name/}, and {@code MANIFEST.json} holding the SHA-256 of every other entry. Reading verifies
 * the manifest before parsing anything and refuses unknown stage types, newer format versions and entry names
 * that could escape a folder.
 */
public final class Bundle {
    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Marker in pipeline.json. */
    public static final String FORMAT = "bighead-pipeline";

    static final String MANIFEST = "MANIFEST.json";
    static final String PIPELINE = "pipeline.json";
    /** Lists the classes a bundle carries (written in notebook cells), each under {@value #CODE_FOLDER}. */
    static final String CODE = "code.json";

    static final String CODE_FOLDER = "code/";
    static final long MAX_TOTAL_BYTES = 4L << 30;
    static final int MAX_ENTRIES = 10_000;

    private Bundle() {}

    /** Writes {@code pipeline} to {@code path} atomically (temp file in the same folder, then rename). */
    public static void write(FittedPipeline pipeline, Path path) throws IOException {
        byte[] zip = toBytes(pipeline);
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(zip));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The bundle as bytes (what {@link #write} puts in the file). */
    public static byte[] toBytes(FittedPipeline pipeline) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("target", pipeline.target());
        ArrayNode stages = root.putArray("stages");
        Map<String, byte[]> code = new java.util.TreeMap<>();
        int index = 0;
        for (Map.Entry<String, FittedStage> e : pipeline.stages().entrySet()) {
            FittedStage stage = e.getValue();
            StageTypes.checkWritable(stage);
            ObjectNode node = stages.addObject();
            node.put("name", e.getKey());
            node.put("type", stage.type());
            node.set("params", Json.MAPPER.valueToTree(stage));
            Map<String, byte[]> classes = NotebookCode.closure(stage.getClass());
            if (!classes.isEmpty()) {
                if (!StageTypes.readsFromJson(stage.type())) {
                    throw new PipelineException("stage type '" + stage.type() + "' was written in a notebook cell"
                            + " with a reader of its own; a bundle can carry only stages read from their JSON"
                            + " properties: register it with StageTypes.register(\"" + stage.type() + "\", "
                            + stage.getClass().getSimpleName() + ".class)");
                }
                code.putAll(classes);
                node.put("code", stage.getClass().getName());
                node.set("shape", shape(stage));
            }
            String folder = String.format("stages/%02d-%s/", index++, safe(e.getKey()));
            ArrayNode files = node.putArray("files");
            for (Map.Entry<String, byte[]> f : stage.files().entrySet()) {
                EntryNames.check(f.getKey());
                files.add(f.getKey());
                entries.put(folder + f.getKey(), f.getValue());
            }
            node.put("folder", folder);
        }
        entries.put(PIPELINE, Json.MAPPER.writeValueAsBytes(root));
        entries.put("schema/input.json", Json.MAPPER.writeValueAsBytes(pipeline.inputSchema()));
        entries.put("schema/output.json", Json.MAPPER.writeValueAsBytes(pipeline.outputSchema()));
        entries.put("metadata.json", Json.MAPPER.writeValueAsBytes(pipeline.metadata()));
        if (!code.isEmpty()) {
            ObjectNode declared = Json.MAPPER.createObjectNode();
            ArrayNode names = declared.putArray("classes");
            code.forEach((name, bytes) -> {
                names.add(name);
                entries.put(classEntry(name), bytes);
            });
            entries.put(CODE, Json.MAPPER.writeValueAsBytes(declared));
        }

        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("algorithm", "SHA-256");
        ObjectNode hashes = manifest.putObject("entries");
        entries.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
            put(zip, MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        }
        return out.toByteArray();
    }

    // What a reader that runs no code needs to describe and draw the stage.
    private static ObjectNode shape(FittedStage stage) {
        ObjectNode shape = Json.MAPPER.createObjectNode();
        shape.set("inputs", Json.MAPPER.valueToTree(stage.inputs()));
        shape.set("outputs", Json.MAPPER.valueToTree(stage.outputs()));
        shape.set("removes", Json.MAPPER.valueToTree(stage.removes()));
        shape.set(
                "fills",
                Json.MAPPER.valueToTree(
                        stage.inputs().stream().filter(stage::fillsMissing).toList()));
        shape.put("summary", stage.summary());
        return shape;
    }

    private static String classEntry(String binaryName) {
        return CODE_FOLDER + binaryName.replace('.', '/') + ".class";
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // same model, same bytes: no timestamps inside
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Reads and verifies a bundle file; one that carries code is refused ({@link BundleCode#REFUSE}). */
    public static FittedPipeline read(Path path) throws IOException {
        return read(path, BundleCode.REFUSE);
    }

    /** Reads and verifies a bundle file, doing with the code it may carry what {@code code} says. */
    public static FittedPipeline read(Path path, BundleCode code) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString(), code);
        } catch (NoSuchFileException e) {
            throw new BundleException("no bundle at " + path);
        }
    }

    /** Reads and verifies a bundle from a stream; {@code source} names it in messages. Code is refused. */
    public static FittedPipeline read(InputStream in, String source) throws IOException {
        return read(in, source, BundleCode.REFUSE);
    }

    /** Reads and verifies a bundle from a stream; {@code source} names it in messages. */
    public static FittedPipeline read(InputStream in, String source, BundleCode code) throws IOException {
        Map<String, byte[]> entries = unzip(in, source);
        verify(entries, source);
        // a notebook reading back a bundle of its own code: its classes are the session's, running already
        boolean own = entries.containsKey(CODE)
                && code != BundleCode.DESCRIBE
                && NotebookCode.allOwn(declared(entries, source));
        ClassLoader carried = own ? null : carriedCode(entries, source, code);
        JsonNode root = parse(entries.get(PIPELINE), PIPELINE, source);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BundleException(source + " is not a Bighead pipeline bundle (format '"
                    + root.path("format").asText() + "')");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new BundleException(source + " has bundle format version " + version
                    + ", newer than this Bighead reads (" + FORMAT_VERSION + "); upgrade Bighead to load it");
        }
        if (version < 1) {
            throw new BundleException(source + " has no valid format version");
        }
        Map<String, FittedStage> stages = new LinkedHashMap<>();
        for (JsonNode node : root.path("stages")) {
            String name = node.path("name").asText();
            String folder = node.path("folder").asText();
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (JsonNode f : node.path("files")) {
                byte[] bytes = entries.get(folder + f.asText());
                if (bytes == null) {
                    throw new BundleException(source + ": stage '" + name + "' is missing its file " + f.asText());
                }
                files.put(f.asText(), bytes);
            }
            try {
                String type = node.path("type").asText();
                if (!node.hasNonNull("code") || own) {
                    stages.put(name, StageTypes.read(type, node.path("params"), files, Json.MAPPER));
                } else if (carried == null) {
                    stages.put(
                            name,
                            Json.MAPPER
                                    .treeToValue(node.path("shape"), CarriedShape.class)
                                    .stage(type));
                } else {
                    stages.put(
                            name,
                            StageTypes.readCarried(
                                    type,
                                    carriedClass(carried, node.path("code").asText(), entries, source),
                                    node.path("params"),
                                    Json.MAPPER));
                }
            } catch (PipelineException e) {
                throw new BundleException(source + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw new BundleException(source + ": stage '" + name + "' ("
                        + node.path("type").asText() + ") could not be read: " + e.getMessage());
            }
        }
        Schema input = Json.MAPPER.readValue(entries.get("schema/input.json"), Schema.class);
        byte[] metadataBytes = entries.get("metadata.json");
        java.util.function.Supplier<Metadata> metadata = () -> {
            try {
                return Json.MAPPER.readValue(metadataBytes, Metadata.class);
            } catch (IOException e) {
                throw new BundleException(source + ": metadata.json cannot be read: " + e.getMessage());
            }
        };
        try {
            return new FittedPipeline(root.path("target").asText(), stages, input, metadata);
        } catch (PipelineException e) {
            throw new BundleException(source + ": " + e.getMessage());
        }
    }

    private record CarriedShape(
            List<String> inputs, List<ColumnDef> outputs, List<String> removes, List<String> fills, String summary) {
        CarriedStage stage(String type) {
            return new CarriedStage(type, inputs, outputs, removes, fills, summary == null ? "" : summary);
        }
    }

    private static Map<String, byte[]> declared(Map<String, byte[]> entries, String source) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (JsonNode name : parse(entries.get(CODE), CODE, source).path("classes")) {
            byte[] bytes = entries.get(classEntry(name.asText()));
            if (bytes != null) {
                classes.put(name.asText(), bytes);
            }
        }
        return classes;
    }

    /**
     * The class loader of the code the bundle carries: null when it carries none or {@code code} is DESCRIBE; a
     * refusal saying how to trust it when REFUSE.
     */
    private static ClassLoader carriedCode(Map<String, byte[]> entries, String source, BundleCode code) {
        byte[] declaration = entries.get(CODE);
        if (declaration == null || code == BundleCode.DESCRIBE) {
            return null;
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (JsonNode name : parse(declaration, CODE, source).path("classes")) {
            byte[] bytes = entries.get(classEntry(name.asText()));
            if (bytes == null) {
                throw new BundleException(
                        source + ": " + CODE + " declares class " + name.asText() + " but the bundle lacks it");
            }
            classes.put(name.asText(), bytes);
        }
        if (code == BundleCode.REFUSE) {
            throw new BundleException(source + " carries code (" + classes.size() + " classes written in a notebook: "
                    + String.join(
                            ", ",
                            classes.keySet().stream()
                                    .map(Bundle::simpleName)
                                    .filter(n -> !n.isEmpty())
                                    .distinct()
                                    .toList())
                    + ") and loading it runs that code; load it only if you trust where it came from: --trust-code"
                    + " on the command line, FittedPipeline.load(path, BundleCode.TRUST) in Java (bundles from the"
                    + " registry are trusted)");
        }
        return new BundleClassLoader(source, classes, NotebookCode.parentFor(Bundle.class.getClassLoader()));
    }

    private static Class<?> carriedClass(ClassLoader loader, String name, Map<String, byte[]> entries, String source) {
        if (!entries.containsKey(classEntry(name))) {
            throw new BundleException(source + ": a stage names class " + name + ", which the bundle does not carry");
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BundleException(source + ": class " + name + " it carries cannot be loaded here: " + e);
        }
    }

    // REPL.$JShell$12$DistanceToCenter$Fitted -> DistanceToCenter.Fitted: the name the notebook wrote
    private static String simpleName(String binaryName) {
        String name = binaryName.substring(binaryName.lastIndexOf('.') + 1).replaceFirst("^\\$JShell\\$\\d+\\$?", "");
        return name.replace('$', '.'); // empty for the cell's own wrapper class
    }

    private static Map<String, byte[]> unzip(InputStream in, String source) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!EntryNames.isSafe(name)) {
                    throw new BundleException(
                            source + " has an entry '" + name + "' that would escape the bundle folder; refusing it");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (entries.containsKey(name)) {
                    throw new BundleException(source + " has entry '" + name + "' twice");
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new BundleException(source + " has more than " + MAX_ENTRIES + " entries");
                }
                byte[] bytes = readLimited(zip, MAX_TOTAL_BYTES - total, source);
                total += bytes.length;
                entries.put(name, bytes);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new BundleException(source + " is not a readable bundle (corrupt zip: " + e.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw new BundleException(source + " is not a bundle (no zip entries)");
        }
        return entries;
    }

    private static byte[] readLimited(InputStream in, long limit, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            size += n;
            if (size > limit) {
                throw new BundleException(source + " unpacks to more than " + (MAX_TOTAL_BYTES >> 20) + " MB");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void verify(Map<String, byte[]> entries, String source) throws IOException {
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw new BundleException(source + " has no " + MANIFEST + "; it is not a Bighead bundle or was altered");
        }
        JsonNode hashes = parse(manifestBytes, MANIFEST, source).path("entries");
        for (Iterator<String> it = hashes.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            byte[] bytes = entries.get(name);
            if (bytes == null) {
                throw new BundleException(source + ": manifest lists '" + name + "' but the bundle lacks it");
            }
            if (!sha256(bytes).equals(hashes.get(name).asText())) {
                throw new BundleException(source + ": '" + name + "' does not match its SHA-256 in the manifest;"
                        + " the bundle was altered or corrupted");
            }
        }
        for (String name : entries.keySet()) {
            if (!name.equals(MANIFEST) && !hashes.has(name)) {
                throw new BundleException(
                        source + ": entry '" + name + "' is not in the manifest;" + " the bundle was altered");
            }
        }
        for (String required : new String[] {PIPELINE, "schema/input.json", "metadata.json"}) {
            if (!entries.containsKey(required)) {
                throw new BundleException(source + " lacks " + required);
            }
        }
    }

    private static JsonNode parse(byte[] bytes, String entry, String source) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new BundleException(source + ": " + entry + " is not valid JSON");
        }
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
