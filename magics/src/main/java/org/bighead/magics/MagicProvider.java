package org.bighead.magics;

/**
 * Adds magics, or {@code %bighead} subcommands, to the kernel. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/org.bighead.magics.MagicProvider}
 * and {@link MagicRegistry#withBuiltIns()} calls {@link #register} once at kernel start, after the built-ins.
 *
 * <pre>{@code
 * public final class WidgetMagics implements MagicProvider {
 *     public void register(MagicRegistry registry) {
 *         registry.line("widgets", "List the widgets shown in this notebook.", new WidgetsMagic());
 *         registry.bighead().add(PicocliSubcommand.of(ExportSubcommand::new));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MagicProvider {
    /** Registers this provider's magics and subcommands. */
    void register(MagicRegistry registry);
}
