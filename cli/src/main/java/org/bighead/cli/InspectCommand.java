package org.bighead.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.pipeline.bundle.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bighead inspect BUNDLE}: stages, schemas and metadata as JSON. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Print a bundle's stages, input/output schemas and metadata as JSON.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A .bighead file.")
    Path bundle;

    @Option(names = "--profile", description = "Include the full training-data profile (histograms).")
    boolean profile;

    @Override
    public Integer call() throws Exception {
        FittedPipeline pipeline = FittedPipeline.load(bundle, BundleCode.DESCRIBE); // describing runs no code
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("bundle", bundle.toString());
        out.put("formatVersion", Bundle.FORMAT_VERSION);
        out.put("target", pipeline.target());
        out.put("task", pipeline.task().name().toLowerCase(Locale.ROOT));
        if (!pipeline.classes().isEmpty()) {
            out.set("classes", Json.MAPPER.valueToTree(pipeline.classes()));
        }
        ArrayNode stages = out.putArray("stages");
        for (Map.Entry<String, FittedStage> e : pipeline.stages().entrySet()) {
            FittedStage s = e.getValue();
            ObjectNode node = stages.addObject();
            node.put("name", e.getKey());
            node.put("type", s.type());
            node.put("summary", s.summary());
            node.set("inputs", Json.MAPPER.valueToTree(s.inputs()));
            node.set(
                    "outputs",
                    Json.MAPPER.valueToTree(
                            s.outputs().stream().map(ColumnDef::name).toList()));
            if (!s.removes().isEmpty()) {
                node.set("removes", Json.MAPPER.valueToTree(s.removes()));
            }
        }
        out.set("inputSchema", Json.MAPPER.valueToTree(pipeline.inputSchema()));
        out.set("outputSchema", Json.MAPPER.valueToTree(pipeline.outputSchema()));
        ObjectNode metadata = Json.MAPPER.valueToTree(pipeline.metadata());
        if (!profile) {
            metadata.remove("profile");
        }
        out.set("metadata", metadata);
        System.out.println(Json.MAPPER.writeValueAsString(out));
        return 0;
    }
}
