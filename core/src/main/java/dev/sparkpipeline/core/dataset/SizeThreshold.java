package dev.sparkpipeline.core.dataset;

import dev.sparkpipeline.core.contract.Engine;
import java.io.Serializable;

/**
 * Files of at least {@code minBytes} run on {@code engine}.
 *
 * @param minBytes smallest file size this threshold applies to
 * @param engine   the engine for such files
 */
public record SizeThreshold(long minBytes, Engine engine) implements Serializable {}
