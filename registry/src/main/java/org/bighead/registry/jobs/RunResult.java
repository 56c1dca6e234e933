package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How an attempt of a run ended: succeeded or not, its outputs (rows, files, new version), a message, its log tail. */
public record RunResult(boolean succeeded, ObjectNode outputs, String message, String logTail) {}
