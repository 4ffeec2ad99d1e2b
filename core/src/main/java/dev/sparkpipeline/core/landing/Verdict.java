package dev.sparkpipeline.core.landing;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetSpec;

/** The outcome of the landing rules for one file. */
public sealed interface Verdict {

    /**
     * The file may run.
     *
     * @param dataset its dataset
     * @param format  its format
     * @param gzip    whether it is gzip-compressed
     * @param engine  the engine its size and dataset choose
     */
    record Accepted(DatasetSpec dataset, DataFormat format, boolean gzip, Engine engine) implements Verdict {}

    /**
     * The file goes to quarantine.
     *
     * @param violation the first rule it broke
     */
    record Rejected(Violation violation) implements Verdict {}
}
