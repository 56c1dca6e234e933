package org.bighead.registry.jobs;

import java.time.Instant;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.RunRow;
import org.bighead.registry.store.TokenStore.RunGrant;

/**
 * Mints each claimed run its own registry token, scoped to what the run needs (read; register versions of its
 * job's model; move the alias a retrain promotes to), and revokes it when the run ends. Runs never get the admin
 * token: what a notebook or a child process does with the token is bounded by the job.
 */
public interface RunTokens {
    /** No tokens (a scheduler whose runs do not call the registry, e.g. in the bench). */
    RunTokens NONE = new RunTokens() {
        @Override
        public String mint(RunGrant grant, Instant expiresAt) {
            return null;
        }

        @Override
        public void revoke(String job, String logicalTime) {}
    };

    /** A new token for {@code grant}, valid while its attempt runs and at most until {@code expiresAt}. */
    String mint(RunGrant grant, Instant expiresAt);

    /** Revokes the tokens of the job's run at {@code logicalTime}. */
    void revoke(String job, String logicalTime);

    /**
     * What the run of {@code job} claimed as {@code run} may write: versions of the model its reference names (none
     * for a {@code .bighead} file) and, for a retrain, the alias it promotes to.
     */
    static RunGrant grant(JobRow job, RunRow run) {
        String ref = job.modelRef();
        String model;
        if (ref.endsWith(".bighead")) {
            model = null;
        } else if (ref.indexOf('@') > 0) {
            model = ref.substring(0, ref.indexOf('@'));
        } else if (ref.indexOf('/') > 0) {
            model = ref.substring(0, ref.indexOf('/'));
        } else {
            model = ref;
        }
        String alias = JobKind.parse(job.kind()) == JobKind.RETRAIN && model != null
                ? job.spec().path("promoteTo").asText(null)
                : null;
        return new RunGrant(job.name(), run.logicalTime(), run.attempt(), model, alias);
    }
}
