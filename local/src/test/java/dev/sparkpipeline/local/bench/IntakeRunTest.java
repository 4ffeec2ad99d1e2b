package dev.sparkpipeline.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The intake-load harness keeps its books: on virtual time, the real functions and state machine
 * give every landed file exactly one fate, whatever the engine does with the load. Not a timed
 * test: the figures themselves are the benchmark's (bench/intake-load.sh).
 */
class IntakeRunTest {

    @Test
    void aSmallBatchedDropEndsCuratedInOneBatch() {
        var scenario = new IntakeScenario("drop", Engine.GLUE, true, 40, Duration.ofSeconds(1), 64 * 1024);

        ScenarioResult result = IntakeRun.run(scenario, 1);

        assertThat(result.curated()).isEqualTo(40);
        assertThat(result.jobs()).isEqualTo(1);
        assertThat(result.p95LatencySeconds()).isGreaterThan(120);
    }

    @Test
    void everyFileOfAPerFileBurstPastCapacityEndsInExactlyOnePlace() {
        var scenario = new IntakeScenario("burst", Engine.GLUE, false, 60, Duration.ofSeconds(1), 64 * 1024);

        ScenarioResult result = IntakeRun.run(scenario, 1);

        assertThat(result.curated() + result.recorded()).isEqualTo(60);
        assertThat(result.unsettled()).isZero();
        assertThat(result.executions().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(60);
    }

    @Test
    void executionsWaitInVirtualTimeAndResumeInTheirOrder() {
        Instant start = Instant.parse("2026-11-22T08:00:00Z");
        var time = new VirtualTime(start);
        List<String> woke = new ArrayList<>();
        time.spawn("slow", () -> {
            time.sleep(Duration.ofMinutes(10));
            woke.add("slow at " + Duration.between(start, time.now()).toMinutes());
        });
        time.spawn("quick", () -> {
            time.sleep(Duration.ofMinutes(1));
            woke.add("quick at " + Duration.between(start, time.now()).toMinutes());
        });

        time.run();

        assertThat(woke).containsExactly("quick at 1", "slow at 10");
    }
}
