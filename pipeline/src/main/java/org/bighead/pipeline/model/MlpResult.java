package org.bighead.pipeline.model;

/**
 * A trained MLP: its spec, DJL's own parameter file and a plain-Java forward pass.
 *
 * <p>{@code djlParameters} is exactly what {@code block.saveParameters(DataOutputStream)} wrote, so
 * {@link MlpTrainer#buildBlock(MlpSpec)} plus {@code loadParameters} restores the DJL block (for
 * fine-tuning), and {@link MlpForward#fromDjlParameters(MlpSpec, byte[])} restores the forward pass
 * without starting the engine.
 *
 * @param spec architecture and training settings
 * @param djlParameters DJL parameter file of the trained block
 * @param forward plain-Java forward pass with the trained weights
 */
public record MlpResult(MlpSpec spec, byte[] djlParameters, MlpForward forward) {}
