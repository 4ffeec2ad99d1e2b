package dev.sparkpipeline.core.landing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The validate function's answer: one outcome per landed file.
 *
 * @param files the outcomes, in event order
 */
public record ValidationReport(List<FileOutcome> files) {

    public ValidationReport {
        files = List.copyOf(files);
    }

    /** How many files ended each way. */
    public Map<FileOutcome.Outcome, Integer> counts() {
        Map<FileOutcome.Outcome, Integer> counts = new EnumMap<>(FileOutcome.Outcome.class);
        for (FileOutcome.Outcome outcome : FileOutcome.Outcome.values()) {
            counts.put(outcome, 0);
        }
        files.forEach(file -> counts.merge(file.outcome(), 1, Integer::sum));
        return counts;
    }
}
