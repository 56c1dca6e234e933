package org.bighead.registry.store;

import java.util.List;
import org.bighead.registry.Names;

/** The version a registry reference names now: {@code MODEL@ALIAS}, {@code MODEL/VERSION} or {@code MODEL}. */
public final class VersionRefs {
    private VersionRefs() {}

    /** The version; NotFoundException when the model, version or alias does not exist or has no version yet. */
    public static VersionRow resolve(ModelStore models, AliasStore aliases, String ref) {
        int at = ref.indexOf('@');
        int slash = ref.indexOf('/');
        if (at > 0) {
            String model = Names.model(ref.substring(0, at));
            return models.version(model, aliases.alias(model, Names.alias(ref.substring(at + 1))));
        }
        if (slash > 0) {
            return models.version(Names.model(ref.substring(0, slash)), Names.version(ref.substring(slash + 1)));
        }
        List<VersionRow> versions = models.versions(Names.model(ref));
        if (versions.isEmpty()) {
            throw new NotFoundException("model '" + ref + "' has no version yet: register one first");
        }
        return versions.get(versions.size() - 1);
    }
}
