package dev.sparkpipeline.local.asl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time for an execution: the real clock for runs, a virtual one for tests and cost benchmarks. */
public interface ExecutionClock {

    Instant now();

    /** Waits (really, or by moving virtual time forward). */
    void sleep(Duration duration);

    /**
     * Waits as {@link #sleep(Duration)}, ending early once {@code stop} is requested; virtual time
     * has nothing to cut short.
     */
    default void sleep(Duration duration, ExecutionStop stop) {
        sleep(duration);
    }

    /** This time as a {@link Clock} in UTC, so the functions and engines a run calls share it. */
    default Clock asClock() {
        ExecutionClock time = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.now();
            }
        };
    }

    /** The wall clock: waits really wait. */
    static ExecutionClock real() {
        return new ExecutionClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) {
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StatesError(StatesError.RUNTIME, "interrupted while waiting");
                }
            }

            @Override
            public void sleep(Duration duration, ExecutionStop stop) {
                stop.await(duration);
            }
        };
    }

    /** Virtual time from {@code start}: waits return at once and move the clock forward. */
    static ExecutionClock virtual(Instant start) {
        return new ExecutionClock() {
            private Instant now = start;

            @Override
            public synchronized Instant now() {
                return now;
            }

            @Override
            public synchronized void sleep(Duration duration) {
                now = now.plus(duration);
            }
        };
    }
}
