/**
 * Export to production: one flow (validate, capture, register, serve, schedule) with three faces, the
 * {@code %bighead export} magic, the Export widget and {@code ./bighead export}; and the deployments it starts
 * ({@code ./bighead deployments}).
 */
package org.bighead.productionize;
