package org.bighead.environments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.config.SettingsException;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.ec2.Ec2HardwareSource;
import org.bighead.environments.compute.ec2.Ec2Settings;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.HardwareTable;
import org.bighead.environments.hardware.InstanceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hardware list [--gpu] [--json]}: the instance types environments run on, live from EC2 when AWS is
 * configured ({@code aws.region}, {@code AWS_REGION} or {@code aws.endpoint}), else from the bundled snapshot.
 */
@Command(
        name = "hardware",
        mixinStandardHelpOptions = true,
        description = "The hardware (instance types) environments run on.",
        subcommands = {HardwareCommand.ListCommand.class})
public final class HardwareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Supplier<Ec2Settings> settings;

    /** Settings from this process's environment and {@code ~/.bighead/config.json}. */
    public HardwareCommand() {
        this(Ec2Settings::load);
    }

    /** Settings from {@code settings} and the environment {@code env} (for tests and embedding). */
    public HardwareCommand(Settings settings, Map<String, String> env) {
        this(() -> Ec2Settings.from(settings, env));
    }

    private HardwareCommand(Supplier<Ec2Settings> settings) {
        this.settings = settings;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code hardware list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List instance types: vCPUs, memory, GPUs and the on-demand price per hour (us-east-1, Linux).",
                "From EC2 DescribeInstanceTypes when AWS is configured (a region or an endpoint), else from the"
                        + " bundled snapshot of real AWS specs; the last line says which. GPU memory is the total"
                        + " over the type's GPUs."
            })
    static final class ListCommand implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Spec
        CommandSpec spec;

        @ParentCommand
        HardwareCommand parent;

        @Option(names = "--gpu", description = "Only types with GPUs.")
        boolean gpu;

        @Option(
                names = "--json",
                description = "Print a JSON array of {name, vcpus, memory_mib, gpus, gpu_model, gpu_memory_mib,"
                        + " price_per_hour} and nothing else.")
        boolean json;

        @Setting(Ec2Settings.REGION)
        @Option(names = "--region", paramLabel = "REGION", description = "AWS region to ask (else AWS_REGION).")
        String region;

        @Setting(Ec2Settings.ENDPOINT)
        @Option(names = "--endpoint", paramLabel = "URL", description = "Another EC2 endpoint (e.g. moto server).")
        URI endpoint;

        @Option(names = "--snapshot", description = "Use the bundled snapshot even when AWS is configured.")
        boolean snapshot;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HardwareCatalog catalog;
            try {
                catalog = snapshot
                        ? HardwareCatalog.snapshot()
                        : Ec2HardwareSource.catalog(parent.settings.get().withLocation(region, endpoint), null);
            } catch (ComputeException | SettingsException e) {
                spec.commandLine().getErr().println("hardware list: " + e.getMessage());
                return 1;
            }
            if (gpu) {
                catalog = catalog.gpuOnly();
            }
            if (json) {
                try {
                    out.println(JSON.writeValueAsString(catalog.list()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("could not write the instance types as JSON", e);
                }
            } else {
                out.print(table(catalog.list()));
                out.println("Source: " + catalog.source());
            }
            out.flush();
            return 0;
        }
    }

    /** The types as an aligned table: name, vCPUs, memory, GPUs, GPU model and memory, price per hour. */
    static String table(List<InstanceType> types) {
        return HardwareTable.text(types);
    }
}
