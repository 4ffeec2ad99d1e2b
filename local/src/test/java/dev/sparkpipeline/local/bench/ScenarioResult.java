package dev.sparkpipeline.local.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one load run came to: the benchmark's line, and the detail behind it.
 *
 * @param scenario     the load
 * @param files        files landed
 * @param jobs         job runs the engine accepted
 * @param curated      files archived as curated (by Publish)
 * @param recorded     files recorded failed (under {@code failed/})
 * @param unsettled    files with no fate at the end (still queued, dead-lettered, lost)
 * @param latencies    from landing to curated, of every curated file
 * @param transitions  state transitions of every execution
 * @param executions   executions, by how they ended ({@code SUCCEEDED}, {@code FAILED:<error>})
 * @param uses         each function's invocations, by logical id
 * @param cost         what the run cost
 * @param refused      StartJobRun calls refused for capacity
 * @param deliveries   batcher invocations
 * @param deadLettered messages moved to the intake dead-letter queue
 * @param meanJobMib   mean input of a job that ran, in MiB
 * @param queuedHours  hours jobs waited for an engine slot, summed
 * @param simulated    virtual time from the first landing to the last event
 * @param wall         wall time the run took on this machine
 */
record ScenarioResult(
        IntakeScenario scenario,
        int files,
        int jobs,
        long curated,
        long recorded,
        long unsettled,
        List<Duration> latencies,
        long transitions,
        Map<String, Integer> executions,
        Map<String, RequestMeter.FunctionUse> uses,
        LoadCost cost,
        int refused,
        int deliveries,
        int deadLettered,
        double meanJobMib,
        double queuedHours,
        Duration simulated,
        Duration wall) {

    /** Files not curated: recorded failed, quarantined, or without a fate. */
    long failed() {
        return files - curated;
    }

    /** The 95th percentile of landing-to-curated, in seconds; NaN when nothing was curated. */
    double p95LatencySeconds() {
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        List<Duration> sorted = latencies.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1).toMillis() / 1000.0;
    }

    long lambdaInvocations() {
        return uses.values().stream()
                .mapToLong(RequestMeter.FunctionUse::invocations)
                .sum();
    }

    /** The benchmark's line for this scenario. */
    String line() {
        return String.format(
                Locale.ROOT,
                "scenario=%s files=%d jobs=%d failed=%d p95_latency_s=%.0f transitions_per_file=%.2f"
                        + " lambda_per_file=%.2f cost_usd_per_1000_files=%.3f",
                scenario.name(),
                files,
                jobs,
                failed(),
                p95LatencySeconds(),
                (double) transitions / files,
                (double) lambdaInvocations() / files,
                cost.total() / files * 1000);
    }

    /** The detail behind the line, for standard error. */
    String detail() {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "  %s: curated=%d recorded_failed=%d no_fate=%d executions=%s refused_submits=%d"
                        + " batcher_deliveries=%d dead_lettered=%d mean_job_input_mib=%.1f engine_queue_hours=%.1f"
                        + " simulated=%s wall=%.1fs%n"
                        + "    cost per 1000 files: lambda requests %.4f, lambda GB-s %.4f, transitions %.4f, engine %.4f%n",
                scenario.name(),
                curated,
                recorded,
                unsettled,
                executions,
                refused,
                deliveries,
                deadLettered,
                meanJobMib,
                queuedHours,
                simulated,
                wall.toMillis() / 1000.0,
                cost.lambdaRequests() / files * 1000,
                cost.lambdaCompute() / files * 1000,
                cost.transitions() / files * 1000,
                cost.engine() / files * 1000));
        uses.forEach((function, use) -> text.append(String.format(
                Locale.ROOT,
                "    %s: invocations=%d requests=%d longest_modelled=%.1fs%n",
                function,
                use.invocations(),
                use.requests(),
                use.longestMillis() / 1000.0)));
        return text.toString();
    }
}
