package org.bighead.magics;

import java.util.Map;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.HardwareTable;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.pipeline.viz.Html;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %bighead hardware [--gpu]}: the instance types a notebook can run on, from the bundled snapshot. */
@Command(
        name = "hardware",
        description = {
            "List the instance types notebooks run on: vCPUs, memory, GPUs, $/hour (--gpu: GPU types only).",
            "From the bundled snapshot of AWS's specs and on-demand prices (us-east-1, Linux): the list the hub's form"
                    + " offers. HardwarePicker.show() picks one in a cell."
        })
final class HardwareSubcommand implements PicocliSubcommand.Action {
    private final Map<String, String> env;

    @Option(names = "--gpu", description = "Only the types with GPUs.")
    boolean gpu;

    /** Reads this notebook's instance type ({@code BIGHEAD_INSTANCE_TYPE}) from {@code env}, to name it. */
    HardwareSubcommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Object call(MagicContext context) {
        HardwareCatalog hardware = HardwareCatalog.snapshot();
        return table(gpu ? hardware.gpuOnly() : hardware, env.get("BIGHEAD_INSTANCE_TYPE"));
    }

    /** The types as an HTML table and aligned text, with where the list comes from and this notebook's type. */
    static Shown table(HardwareCatalog hardware, String current) {
        Table table = Table.create(
                "Instance types",
                StringColumn.create("name"),
                IntColumn.create("vCPUs"),
                DoubleColumn.create("memory GiB"),
                StringColumn.create("GPUs"),
                DoubleColumn.create("$/hour"));
        for (InstanceType t : hardware.list()) {
            table.stringColumn("name").append(t.name());
            table.intColumn("vCPUs").append(t.vcpus());
            table.doubleColumn("memory GiB").append(t.memoryMib() / 1024.0);
            if (t.hasGpu()) {
                table.stringColumn("GPUs").append(t.gpuSummary());
            } else {
                table.stringColumn("GPUs").appendMissing();
            }
            if (t.pricePerHour() == null) {
                table.doubleColumn("$/hour").appendMissing();
            } else {
                table.doubleColumn("$/hour").append(t.pricePerHour());
            }
        }
        String here = current == null || current.isBlank()
                ? ""
                : "This notebook runs on " + current.strip()
                        + (hardware.find(current.strip()).isPresent() ? "." : " (not in this list).");
        String source = "Source: " + hardware.source() + ".";
        String text = HardwareTable.text(hardware.list()) + source + (here.isEmpty() ? "" : "\n" + here);
        String html = Html.table(table, table.rowCount())
                + "<div style=\"font-size:11px;opacity:0.7\">"
                + Html.escape(source + (here.isEmpty() ? "" : " " + here))
                + "</div>";
        return new Shown(text, html);
    }
}
