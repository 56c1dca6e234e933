package org.bighead.environments.hardware;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Instance types as text for people: the aligned table {@code ./bighead hardware list} and {@code %bighead hardware}
 * print, and the sizes and prices inside it.
 */
public final class HardwareTable {
    private HardwareTable() {}

    /** The types as an aligned table: name, vCPUs, memory, GPUs, GPU model and memory, price per hour. */
    public static String text(List<InstanceType> types) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VCPUS", "MEMORY", "GPUS", "GPU", "GPU MEMORY", "USD/HOUR"});
        for (InstanceType t : types) {
            rows.add(new String[] {
                t.name(),
                Integer.toString(t.vcpus()),
                gib(t.memoryMib()),
                Integer.toString(t.gpus()),
                t.hasGpu() ? t.gpuModelOrGeneric() : "-",
                t.hasGpu() ? (t.gpuMemoryMib() > 0 ? gib(t.gpuMemoryMib()) : "?") : "-",
                t.pricePerHour() == null ? "?" : String.format(Locale.ROOT, "%.4f", t.pricePerHour())
            });
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        // text columns left-aligned, numbers right-aligned
        boolean[] right = {false, true, true, true, false, true, true};
        StringBuilder s = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(width[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(right[i] ? pad + row[i] : row[i] + pad);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    /** MiB as GiB: {@code "16 GiB"}, {@code "15.3 GiB"}. */
    public static String gib(long mib) {
        return mib % 1024 == 0 ? (mib / 1024) + " GiB" : String.format(Locale.ROOT, "%.1f GiB", mib / 1024.0);
    }

    /** Bytes as GiB: {@code "8 GiB"}, {@code "1.5 GiB"}. */
    public static String gibOfBytes(long bytes) {
        return gib(bytes / (1024 * 1024));
    }

    /** {@code "$0.096/hour"}, or {@code "price unknown"} for {@code null}. */
    public static String price(Double perHour) {
        return perHour == null
                ? "price unknown"
                : "$" + BigDecimal.valueOf(perHour).stripTrailingZeros().toPlainString() + "/hour";
    }
}
