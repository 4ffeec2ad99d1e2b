package dev.sparkpipeline.aws.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Warm-ups run before the snapshot, and a warm-up that fails never stops the snapshot. */
class SnapStartPrimingTest {

    @Test
    void registeredWarmUpsRunBeforeTheSnapshot() {
        AtomicInteger runs = new AtomicInteger();
        SnapStartPriming.register(runs::incrementAndGet);

        SnapStartPriming.runRegistered();

        assertThat(runs).hasPositiveValue();
    }

    @Test
    void aWarmUpThatFailsDoesNotStopTheSnapshot() {
        IllegalStateException failure = new IllegalStateException("the priming event names nothing real");
        AtomicInteger failedAttempts = new AtomicInteger();
        SnapStartPriming failing = SnapStartPriming.register(() -> {
            failedAttempts.incrementAndGet();
            throw failure;
        });
        AtomicInteger laterRuns = new AtomicInteger();
        SnapStartPriming.register(laterRuns::incrementAndGet);

        // The CRaC path: the runtime calls beforeCheckpoint, which must neither throw nor give up early.
        failing.beforeCheckpoint(null);
        int roundsPerSnapshot = failedAttempts.get();
        assertThat(roundsPerSnapshot).as("rounds of a failing warm-up").isPositive();

        failedAttempts.set(0);
        var failures = SnapStartPriming.runRegistered();

        // Each of its rounds ran, as many as a warm-up that succeeds gets; the one registered after it ran too.
        assertThat(failedAttempts).hasValue(roundsPerSnapshot);
        assertThat(laterRuns).hasValue(roundsPerSnapshot);
        // And what it threw is reported, as itself, not swallowed.
        assertThat(failures).contains(failure);
        assertThat(failing.runNow()).containsSame(failure);
    }
}
