package org.bighead.magics;

/**
 * Connects {@code ExportButton.of(model)} to this kernel: the registry its settings name, the deployer of this
 * machine, and the session's cells as lineage. The kernel calls it once at start.
 */
public final class NotebookExports {
    private NotebookExports() {}

    /** Installs the export session for the kernel whose magics run with {@code context}. */
    public static void install(MagicContext context) {
        ExportSubcommand.install(context, System.getenv());
    }
}
