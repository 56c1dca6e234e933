package org.bighead.productionize;

import java.util.function.Supplier;
import org.bighead.registry.client.RegistryClient;

/**
 * What an export from this notebook needs besides the model: the registry, the deployer and where the model came
 * from (the session's cells, notebook, user, image). The Bighead kernel installs it at start, so that
 * {@link ExportButton#of} works from any cell; outside a kernel nothing is installed and the button says so.
 */
public final class ExportSession {
    private record Parts(
            Supplier<RegistryClient> registry, Supplier<Deployer> deployer, Supplier<Provenance> provenance) {}

    private static volatile Parts parts;

    private ExportSession() {}

    /** Installs this notebook's parts; each is asked at export time, so settings changed since then count. */
    public static void install(
            Supplier<RegistryClient> registry, Supplier<Deployer> deployer, Supplier<Provenance> provenance) {
        parts = new Parts(registry, deployer, provenance);
    }

    static boolean installed() {
        return parts != null;
    }

    static RegistryClient registry() {
        return required().registry().get();
    }

    static Deployer deployer() {
        return required().deployer().get();
    }

    static Provenance provenance() {
        return required().provenance().get();
    }

    private static Parts required() {
        Parts p = parts;
        if (p == null) {
            throw new IllegalStateException("exporting needs the Bighead kernel (it knows the registry and the"
                    + " notebook's cells); use ./bighead export FILE.bighead elsewhere");
        }
        return p;
    }
}
