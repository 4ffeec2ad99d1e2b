package dev.sparkpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkpipeline.core.engine.PollSchedule;
import java.time.Duration;
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

    private static final List<Duration> LENGTHS = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(12),
            Duration.ofDays(7));
    private static final int WATCH_INTERVAL_SECONDS = 270;
    /** Jobs a little shorter than each length (by these fractions of it) end at other points of the poll cycle. */
    private static final double[] END_OFFSETS = {0.013, 0.029, 0.061, 0.097, 0.151};

    private OrchestrationCost() {}

    public static void main(String[] args) {
        JsonNode adaptive = OrchestrationRun.pipelineDefinition();
        JsonNode fixed = OrchestrationRun.fixedThirtySecondLoop();
        System.out.println(
                "| job | schedule | state transitions | Lambda invocations | engine API calls | history events | worst detection delay | target delay |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Duration length : LENGTHS) {
            row(length, "adaptive + watch (this pipeline)", adaptive);
            row(length, "fixed 30 s loop", fixed);
            syncRow(length);
        }
        System.out.println();
        spread(adaptive, Duration.ofHours(1), 20);
        System.out.println();
        concurrency(1000);
    }

    /**
     * The counts of the job of exactly that length; the detection delay is the worst over it and
     * jobs a little shorter ({@link #END_OFFSETS}), so a job ending just after a poll shows.
     */
    private static void row(Duration length, String schedule, JsonNode definition) {
        OrchestrationRun run = OrchestrationRun.measure(definition, length, 1);
        // The columns every row has, whether or not the execution saw the job end.
        String counts = String.format(
                Locale.ROOT,
                "%s | %s | %d | %d | %d | %d",
                label(length),
                schedule,
                run.stateTransitions(),
                run.lambdaInvokes(),
                run.engineCalls(),
                run.historyEvents());
        if (run.detectionDelay() == null) {
            System.out.printf(
                    Locale.ROOT, "| %s | the execution ended %s | %d s |%n", counts, run.status(), targetDelay(length));
            return;
        }
        long worst = run.detectionDelay().toSeconds();
        for (int i = 0; i < END_OFFSETS.length; i++) {
            Duration shorter = length.minusSeconds(Math.round(length.toSeconds() * END_OFFSETS[i]));
            OrchestrationRun other = OrchestrationRun.measure(definition, shorter, i + 2);
            worst = Math.max(
                    worst,
                    other.detectionDelay() == null
                            ? Long.MAX_VALUE
                            : other.detectionDelay().toSeconds());
        }
        System.out.printf(
                Locale.ROOT,
                "| %s%s | %d s | %d s |%n",
                counts,
                run.historyEvents() > 25_000 ? " (over the 25,000 limit: fails on AWS)" : "",
                worst,
                targetDelay(length));
    }

    /**
     * The EMR {@code .sync} integration as documented: Step Functions itself polls every 60 s for
     * the first 10 minutes, then every 300 s; the execution has one Task for the job.
     */
    private static void syncRow(Duration length) {
        long seconds = length.toSeconds();
        long polls = Math.min(seconds, 600) / 60 + Math.max(0, seconds - 600 + 299) / 300;
        System.out.printf(
                Locale.ROOT,
                "| %s | EMR .sync (documented, computed) | 1 | 0 | %d | 5 | %d s | %d s |%n",
                label(length),
                polls + 1,
                seconds <= 600 ? 59 : 299,
                targetDelay(length));
    }

    /** The tracker's jitter varies each run: the spread of state transitions over {@code runs} runs. */
    private static void spread(JsonNode definition, Duration length, int runs) {
        int least = Integer.MAX_VALUE;
        int most = 0;
        long total = 0;
        for (int run = 0; run < runs; run++) {
            int transitions = OrchestrationRun.measure(definition, length, run).stateTransitions();
            least = Math.min(least, transitions);
            most = Math.max(most, transitions);
            total += transitions;
        }
        System.out.println("| " + label(length) + " job, " + runs + " runs | fewest | mean | most | target |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        System.out.printf(
                Locale.ROOT, "| state transitions | %d | %.1f | %d | 100 |%n", least, (double) total / runs, most);
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
        System.out.println(
                "| 1,000 jobs started together, after their first 10 min | busiest second | busiest 10 s | busiest minute | average | quota |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        System.out.printf(
                Locale.ROOT,
                "| GetJobRun calls per second | %.1f | %.1f | %.1f | %.1f | 10 |%n",
                busiest(callsPerSecond, 600, horizon, 1),
                busiest(callsPerSecond, 600, horizon, 10),
                busiest(callsPerSecond, 600, horizon, 60),
                busiest(callsPerSecond, 600, horizon, horizon - 600));
    }

    /** The highest average rate over any {@code window} seconds between {@code from} and {@code to}. */
    private static double busiest(int[] callsPerSecond, int from, int to, int window) {
        long inWindow = 0;
        long best = 0;
        for (int second = from; second < to; second++) {
            inWindow += callsPerSecond[second];
            if (second - from >= window) {
                inWindow -= callsPerSecond[second - window];
            }
            best = Math.max(best, inWindow);
        }
        return (double) best / window;
    }

    private static long targetDelay(Duration length) {
        return Math.min(300, Math.max(15, length.toSeconds() / 4));
    }

    private static String label(Duration length) {
        long seconds = length.toSeconds();
        if (seconds % 86400 == 0) {
            return seconds / 86400 + " d";
        }
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }
}
