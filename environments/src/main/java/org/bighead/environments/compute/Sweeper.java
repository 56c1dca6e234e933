package org.bighead.environments.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds what Bighead started and nobody owns any more, on any {@link Compute} back end: workloads labelled {@link
 * Compute#MANAGED_BY} whose {@link Compute#OWNER} label is missing or names an owner that is gone (a deleted user,
 * an undeployed model, a finished job), and stops them.
 */
public final class Sweeper {
    private final Compute compute;
    private final Predicate<String> ownerAlive;

    /** {@code ownerAlive} says whether an owner (the value of the OWNER label) still exists. */
    public Sweeper(Compute compute, Predicate<String> ownerAlive) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.ownerAlive = Objects.requireNonNull(ownerAlive, "ownerAlive");
    }

    /** The orphans now: Bighead's workloads without an owner, or whose owner is not alive. */
    public List<Workload> orphans() {
        List<Workload> orphans = new ArrayList<>();
        for (Workload w : compute.list(Map.of())) {
            String owner = w.labels().get(Compute.OWNER);
            if (owner == null || owner.isBlank() || !ownerAlive.test(owner)) {
                orphans.add(w);
            }
        }
        return orphans;
    }

    /**
     * Finds the orphans and, unless {@code dryRun}, stops each.
     *
     * @return the orphans found (all stopped unless {@code dryRun})
     * @throws ComputeException when some could not be stopped (after trying every one), naming them
     */
    public List<Workload> sweep(boolean dryRun) {
        List<Workload> orphans = orphans();
        if (dryRun) {
            return orphans;
        }
        List<String> failed = new ArrayList<>();
        ComputeException first = null;
        for (Workload w : orphans) {
            try {
                compute.stop(w.id());
            } catch (ComputeException e) {
                failed.add(w.id() + " (" + e.getMessage() + ")");
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new ComputeException(
                    "swept " + (orphans.size() - failed.size()) + " of " + orphans.size() + " orphaned "
                            + compute.backend() + " workloads; could not stop " + String.join(", ", failed),
                    first);
        }
        return orphans;
    }
}
