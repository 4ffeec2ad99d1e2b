package dev.sparkpipeline.aws.priming;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
        SnapStartPriming.register(() -> {
            throw new IllegalStateException("the priming event names nothing real");
        });

        assertThatCode(SnapStartPriming::runRegistered).doesNotThrowAnyException();
    }
}
