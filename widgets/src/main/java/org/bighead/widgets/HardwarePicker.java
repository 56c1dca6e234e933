package org.bighead.widgets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.HardwareTable;
import org.bighead.environments.hardware.InstanceType;

/**
 * A {@link Picker} of instance types, each with its vCPUs, memory, GPUs and price, and a "GPU only" filter:
 * <pre>{@code
 * var hardware = HardwarePicker.show();    // this notebook's type (BIGHEAD_INSTANCE_TYPE) chosen
 * hardware.value()                         // the chosen InstanceType: name(), vcpus(), gpus(), pricePerHour()
 * }</pre>
 */
public final class HardwarePicker {
    /** The variable the hub sets to the instance type it started the notebook on. */
    public static final String CURRENT = "BIGHEAD_INSTANCE_TYPE";

    private HardwarePicker() {}

    /** The bundled snapshot's instance types, with this notebook's ({@value #CURRENT}) chosen when it is set. */
    public static Picker<InstanceType> show() {
        return of(HardwareCatalog.snapshot().list(), System.getenv(CURRENT));
    }

    /** {@code types}, with the one named {@code current} chosen (the first when it is null or not among them). */
    public static Picker<InstanceType> of(List<InstanceType> types, String current) {
        Picker<InstanceType> picker = Picker.of("instance", types, t -> t.name() + " — " + t.summary())
                .details(HardwarePicker::facts)
                .filter("GPU only", InstanceType::hasGpu);
        if (current != null && !current.isBlank()) {
            picker.select(t -> t.name().equals(current.strip()));
        }
        return picker;
    }

    /** What the details table shows of a type: vCPU, memory, GPU and $/hour. */
    static Map<String, Object> facts(InstanceType type) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("instance type", type.name());
        facts.put("vCPU", type.vcpus());
        facts.put("memory", HardwareTable.gib(type.memoryMib()));
        facts.put("GPU", type.gpuSummary());
        facts.put("$/hour", type.pricePerHour());
        return facts;
    }
}
