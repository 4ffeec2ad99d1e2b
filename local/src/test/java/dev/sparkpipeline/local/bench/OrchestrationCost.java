package dev.sparkpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkpipeline.core.engine.PollSchedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The orchestration-cost benchmark ({@code bench/orchestration-cost.sh}): the pipeline's state
 * machine against a simulated job of 1 min, 10 min, 1 h, 12 h and 7 days on a virtual clock, next
 * to the same machine with a fixed 30-second poll and to the documented behaviour of the EMR
 * {@code .sync} integration; then 1,000 jobs started together, for the engine's GetJobRun rate.
 * Prints Markdown tables.
 */
public final class OrchestrationCost {

    private static final List<Duration> LENGTHS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
            Duration.ofHours(12), Duration.ofDays(7));
    private static final int WATCH_INTERVAL_SECONDS = 270;

    private OrchestrationCost() {
    }

    public static void main(String[] args) {
        JsonNode adaptive = OrchestrationRun.pipelineDefinition();
        JsonNode fixed = OrchestrationRun.fixedThirtySecondLoop();
        System.out.println("| job | schedule | state transitions | Lambda invocations | engine API calls | history events | detection delay | target delay |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Duration length : LENGTHS) {
            row(length, "adaptive + watch (this pipeline)", OrchestrationRun.measure(adaptive, length, 1));
            row(length, "fixed 30 s loop", OrchestrationRun.measure(fixed, length, 1));
            syncRow(length);
        }
        System.out.println();
        concurrency(1000);
    }

    private static void row(Duration length, String schedule, OrchestrationRun run) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d s | %d s |%n", label(length), schedule, run.stateTransitions(),
                run.lambdaInvokes(), run.engineCalls(), run.historyEvents(), run.detectionDelay().getSeconds(), targetDelay(length));
    }

    /**
     * The EMR {@code .sync} integration as documented: Step Functions itself polls every 60 s for
     * the first 10 minutes, then every 300 s; the execution has one Task for the job.
     */
    private static void syncRow(Duration length) {
        long seconds = length.getSeconds();
        long polls = Math.min(seconds, 600) / 60 + Math.max(0, seconds - 600 + 299) / 300;
        long delay = seconds <= 600 ? (60 - seconds % 60) % 60 : (300 - (seconds - 600) % 300) % 300;
        System.out.printf(Locale.ROOT, "| %s | EMR .sync (documented, computed) | 1 | 0 | %d | 5 | up to %d s (here %d s) | %d s |%n",
                label(length), polls + 1, seconds <= 600 ? 60 : 300, delay, targetDelay(length));
    }

    /**
     * 1,000 jobs started in the same second: each follows the tracker's schedule (with its jitter)
     * until the schedule's cap, then the watch's fixed interval. Reports the busiest second and the
     * average GetJobRun rate after the first ten minutes.
     */
    private static void concurrency(int jobs) {
        Random random = new Random(7);
        var schedule = new PollSchedule(random::nextDouble);
        int horizon = 6 * 3600;
        int[] callsPerSecond = new int[horizon + 400];
        for (int job = 0; job < jobs; job++) {
            long t = schedule.nextDelay(0);
            while (t < horizon) {
                callsPerSecond[(int) t]++;
                t += schedule.capped(t) ? WATCH_INTERVAL_SECONDS : schedule.nextDelay(t);
            }
        }
        int peak = 0;
        long total = 0;
        List<Integer> after = new ArrayList<>();
        for (int second = 600; second < horizon; second++) {
            peak = Math.max(peak, callsPerSecond[second]);
            total += callsPerSecond[second];
            after.add(callsPerSecond[second]);
        }
        System.out.println("| 1,000 jobs started together | after 10 min: busiest second | average | quota |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| GetJobRun calls | %d /s | %.2f /s | 10 /s |%n", peak, (double) total / after.size());
    }

    private static long targetDelay(Duration length) {
        return Math.min(300, Math.max(15, length.getSeconds() / 4));
    }

    private static String label(Duration length) {
        long seconds = length.getSeconds();
        if (seconds % 86400 == 0) {
            return seconds / 86400 + " d";
        }
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }
}
