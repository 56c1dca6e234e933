package org.bighead.registry.store;

import java.util.List;

/** A model with its versions, newest first, read in one go. */
public record ModelDetail(ModelRow model, List<VersionRow> versions) {}
