package org.bighead.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bighead.environments.catalog.Catalog;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.HardwareTable;
import org.bighead.pipeline.viz.Html;

/**
 * What {@code %bighead env} shows: the environment and hardware this notebook was started with (the hub sets
 * {@code BIGHEAD_ENVIRONMENT}, {@code BIGHEAD_INSTANCE_TYPE}, {@code BIGHEAD_IMAGE} and {@code BIGHEAD_BACKEND}; the
 * type's size and price come from the hardware snapshot), then what the kernel itself sees: its JDK, CPUs, memory
 * limit and heap, GPUs. Pure: every fact comes in as a value ({@link KernelProbe} gathers the kernel's), so the
 * composition is tested with fixed inputs.
 */
final class NotebookEnvironment {
    /** A value shown when a variable is not set. */
    static final String WORKSTATION = "none (a workstation kernel)";

    private NotebookEnvironment() {}

    /**
     * What the kernel's process sees of its machine, as read.
     *
     * @param memoryMax the text of {@code /sys/fs/cgroup/memory.max}, or null when there is no such file
     * @param nvidiaSmi what {@code nvidia-smi --query-gpu=index,name,memory.total --format=csv,noheader} printed, or
     *     null when there is no such command
     * @param nvidiaSmiFailure why nvidia-smi gave no answer although it is there, or null
     */
    record Kernel(
            String javaVersion,
            String javaVendor,
            String javaHome,
            int cpus,
            long maxHeap,
            String memoryMax,
            String nvidiaSmi,
            String nvidiaSmiFailure) {}

    /** Where the team's catalog was looked for and what it held: {@code dir} null when none was found. */
    record CatalogFound(Path dir, Catalog catalog, String problem) {
        static final CatalogFound NONE = new CatalogFound(null, null, null);
    }

    /** One GPU as nvidia-smi names it. */
    record Gpu(String index, String name, String memory) {
        @Override
        public String toString() {
            return index + ": " + name + (memory.isEmpty() ? "" : " (" + memory + ")");
        }
    }

    /** The limit in bytes of cgroup v2's {@code memory.max}; empty for {@code max} (no limit) or anything else. */
    static OptionalLong memoryLimit(String memoryMax) {
        String text = memoryMax == null ? "" : memoryMax.strip();
        if (!text.matches("\\d{1,19}")) {
            return OptionalLong.empty();
        }
        try {
            long limit = Long.parseLong(text);
            // cgroup v1 says "no limit" with a number near Long.MAX_VALUE
            return limit >= (1L << 60) ? OptionalLong.empty() : OptionalLong.of(limit);
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // beyond a long: no limit in practice
        }
    }

    /** The GPUs of nvidia-smi's {@code index, name, memory.total} CSV lines; lines without 3 fields are skipped. */
    static List<Gpu> gpus(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        if (csv == null) {
            return gpus;
        }
        for (String line : csv.split("\\R")) {
            int first = line.indexOf(',');
            int last = line.lastIndexOf(',');
            if (first < 0 || last == first) {
                continue;
            }
            // a GPU's name may hold a comma; the index comes first and the memory last
            gpus.add(new Gpu(
                    line.substring(0, first).strip(),
                    line.substring(first + 1, last).strip(),
                    line.substring(last + 1).strip()));
        }
        return gpus;
    }

    /** Environment, its description, instance type, image, back end and catalog; null values are unknown. */
    static Map<String, String> notebook(Map<String, String> env, HardwareCatalog hardware, CatalogFound found) {
        Map<String, String> facts = new LinkedHashMap<>();
        String name = blankToNull(env.get("BIGHEAD_ENVIRONMENT"));
        facts.put("environment", name == null ? WORKSTATION : name);
        if (name != null && found.catalog() != null) {
            found.catalog()
                    .find(name)
                    .map(EnvironmentSpec::description)
                    .filter(d -> !d.isBlank())
                    .ifPresent(d -> facts.put("description", d));
        }
        String type = blankToNull(env.get("BIGHEAD_INSTANCE_TYPE"));
        facts.put(
                "instance type",
                type == null
                        ? null
                        : hardware.find(type)
                                .map(t -> t.name() + ": " + t.summary())
                                .orElse(type + " (not in the hardware list)"));
        facts.put("image", blankToNull(env.get("BIGHEAD_IMAGE")));
        String imageId = blankToNull(env.get("BIGHEAD_IMAGE_ID"));
        if (imageId != null) {
            facts.put("image id", imageId);
        }
        facts.put("back end", blankToNull(env.get("BIGHEAD_BACKEND")));
        facts.put("catalog", catalog(found));
        return facts;
    }

    /** JDK, CPUs, memory limit, JVM heap and GPUs; null values are unknown. */
    static Map<String, String> kernel(Kernel kernel) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("JDK", kernel.javaVersion() + " (" + kernel.javaVendor() + ") at " + kernel.javaHome());
        facts.put("CPUs", Integer.toString(kernel.cpus()));
        OptionalLong limit = memoryLimit(kernel.memoryMax());
        facts.put(
                "memory limit",
                limit.isPresent()
                        ? HardwareTable.gibOfBytes(limit.getAsLong()) + " (cgroup)"
                        : kernel.memoryMax() == null ? null : "no limit (cgroup)");
        facts.put("JVM max heap", HardwareTable.gibOfBytes(kernel.maxHeap()));
        List<Gpu> gpus = gpus(kernel.nvidiaSmi());
        String gpuText;
        if (!gpus.isEmpty()) {
            gpuText = gpus.stream().map(Gpu::toString).collect(Collectors.joining(", "));
        } else if (kernel.nvidiaSmiFailure() != null) {
            gpuText = "none (nvidia-smi: " + kernel.nvidiaSmiFailure() + ")";
        } else {
            gpuText = "none";
        }
        facts.put("GPUs", gpuText);
        return facts;
    }

    /** Both parts as one value: two HTML key/value tables, and aligned text. */
    static Shown shown(Map<String, String> notebook, Map<String, String> kernel) {
        int width = Stream.concat(notebook.keySet().stream(), kernel.keySet().stream())
                .mapToInt(String::length)
                .max()
                .orElse(0);
        StringBuilder text = new StringBuilder("This notebook\n");
        lines(text, notebook, width);
        text.append("\nWhat the kernel sees\n");
        lines(text, kernel, width);
        String html = Html.keyValues("This notebook", notebook) + Html.keyValues("What the kernel sees", kernel);
        return new Shown(text.toString().stripTrailing(), html);
    }

    /** Everything {@code %bighead env} shows, from these inputs. */
    static Shown of(Map<String, String> env, HardwareCatalog hardware, CatalogFound found, Kernel kernel) {
        return shown(notebook(env, hardware, found), kernel(kernel));
    }

    private static String catalog(CatalogFound found) {
        if (found.dir() == null) {
            return "none found (set BIGHEAD_CATALOG)";
        }
        if (found.problem() != null) {
            return found.dir() + " (not readable: " + found.problem() + ")";
        }
        return found.dir() + " (" + found.catalog().list().size() + " environments)";
    }

    private static void lines(StringBuilder text, Map<String, String> facts, int width) {
        facts.forEach((key, value) -> text.append("  ")
                .append(key)
                .append(" ".repeat(width - key.length()))
                .append("  ")
                .append(value == null ? "—" : value)
                .append('\n'));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
