package org.bighead.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.bighead.pipeline.model.LinearModel;
import org.bighead.pipeline.model.MlpModel;
import org.bighead.pipeline.model.XGBoostModel;
import org.bighead.pipeline.stages.Bucketize;
import org.bighead.pipeline.stages.Drop;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.stages.Log;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Ordinal;
import org.bighead.pipeline.stages.Scale;
import org.bighead.pipeline.stages.Select;
import org.bighead.pipeline.stages.TextHash;

/**
 * The explicit registry of fitted stage types a bundle may contain. Loading never instantiates a class named by
 * the file: the file names a type, and only registered types are read. Custom stages are added with
 * {@link #register} (in a notebook) or by a {@link Provider} listed under {@code META-INF/services} (in a jar).
 */
public final class StageTypes {

    /** Reads a fitted stage back from its JSON parameters and attached files. */
    @FunctionalInterface
    public interface Reader<T extends FittedStage> {
        T read(JsonNode params, Map<String, byte[]> files, ObjectMapper json) throws IOException;
    }

    /** Registers custom stage types from a jar, found with {@link ServiceLoader}. */
    public interface Provider {
        /** Calls {@link StageTypes#register} for each type it brings. */
        void registerTypes();
    }

    private record Entry(Class<? extends FittedStage> type, Reader<?> reader, boolean builtIn, boolean fromJson) {}

    private static final Map<String, Entry> TYPES = new ConcurrentHashMap<>();

    static {
        builtIn("impute", Impute.Fitted.class);
        builtIn("scale", Scale.Fitted.class);
        builtIn("log", Log.Fitted.class);
        builtIn("bucketize", Bucketize.Fitted.class);
        builtIn("one-hot", OneHot.Fitted.class);
        builtIn("ordinal", Ordinal.Fitted.class);
        builtIn("text-hash", TextHash.Fitted.class);
        builtIn("select", Select.Fitted.class);
        builtIn("drop", Drop.Fitted.class);
        TYPES.put(XGBoostModel.TYPE, new Entry(XGBoostModel.class, XGBoostModel::read, true, false));
        TYPES.put(LinearModel.TYPE, new Entry(LinearModel.class, jackson(LinearModel.class), true, true));
        TYPES.put(MlpModel.TYPE, new Entry(MlpModel.class, MlpModel::read, true, false));
        for (Provider provider : ServiceLoader.load(Provider.class)) {
            provider.registerTypes();
        }
    }

    private StageTypes() {}

    private static void builtIn(String name, Class<? extends FittedStage> type) {
        TYPES.put(name, new Entry(type, jackson(type), true, true));
    }

    private static <T extends FittedStage> Reader<T> jackson(Class<T> type) {
        return (params, files, json) -> json.treeToValue(params, type);
    }

    /** Registers a fitted stage class whose JSON properties (record components) are all it needs. */
    public static <T extends FittedStage> void register(String name, Class<T> type) {
        put(name, type, jackson(type), true);
    }

    /**
     * Registers a fitted stage class with its own reader. Registering a name again replaces it (a notebook cell
     * redefining its class), except for built-in names, which are refused.
     */
    public static <T extends FittedStage> void register(String name, Class<T> type, Reader<T> reader) {
        put(name, type, reader, false);
    }

    private static <T extends FittedStage> void put(String name, Class<T> type, Reader<T> reader, boolean fromJson) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new PipelineException("stage type name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Entry existing = TYPES.get(name);
        if (existing != null && existing.builtIn() && existing.type() != type) {
            throw new PipelineException(
                    "stage type '" + name + "' is built in; pick another name for " + type.getName());
        }
        TYPES.put(name, new Entry(type, reader, false, fromJson));
    }

    /** Whether {@code name} is one of Bighead's own stage types. */
    public static boolean isBuiltIn(String name) {
        Entry entry = TYPES.get(name);
        return entry != null && entry.builtIn();
    }

    /**
     * Whether stages of type {@code name} are read from their JSON properties alone (registered without a reader):
     * only those can travel as code in a bundle, since a reader written in a cell would need the cell to run.
     */
    public static boolean readsFromJson(String name) {
        Entry entry = TYPES.get(name);
        return entry != null && entry.fromJson();
    }

    /**
     * Reads a stage of a class a bundle carries (its own class loader, never registered here, so each bundle version
     * keeps its own classes).
     */
    public static FittedStage readCarried(String name, Class<?> type, JsonNode params, ObjectMapper json)
            throws IOException {
        if (!FittedStage.class.isAssignableFrom(type)) {
            throw new PipelineException(
                    "stage type '" + name + "' names class " + type.getName() + ", which is not a FittedStage");
        }
        FittedStage stage = (FittedStage) json.treeToValue(params, type);
        if (!name.equals(stage.type())) {
            throw new PipelineException("stage type '" + name + "' read as a stage of type '" + stage.type() + "'");
        }
        return stage;
    }

    /** Whether {@code name} is registered. */
    public static boolean isRegistered(String name) {
        return TYPES.containsKey(name);
    }

    /** Registered type names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(TYPES.keySet());
    }

    /** Checks that a fitted stage about to be saved has a registered type whose class matches. */
    public static void checkWritable(FittedStage stage) {
        Entry entry = TYPES.get(stage.type());
        if (entry == null || !entry.type().isInstance(stage)) {
            throw new PipelineException(
                    "stage type '" + stage.type() + "' (" + stage.getClass().getName()
                            + ") is not registered, so a saved bundle could not be loaded; call StageTypes.register(\""
                            + stage.type() + "\", " + stage.getClass().getSimpleName() + ".class) first");
        }
    }

    /** Reads a stage of a registered type; unknown types are refused by name. */
    public static FittedStage read(String name, JsonNode params, Map<String, byte[]> files, ObjectMapper json)
            throws IOException {
        Entry entry = TYPES.get(name);
        if (entry == null) {
            throw new PipelineException("unknown stage type '" + name + "'; registered types: " + names()
                    + ". A custom stage must be registered with StageTypes.register before loading");
        }
        FittedStage stage = entry.reader().read(params, files, json);
        if (!entry.type().isInstance(stage)) {
            throw new PipelineException(
                    "stage type '" + name + "' read as " + stage.getClass().getName());
        }
        return stage;
    }
}
