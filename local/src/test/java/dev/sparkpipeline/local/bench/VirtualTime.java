package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.local.asl.ExecutionClock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The interpreter's virtual clock as a {@link Clock}, so the functions and the engine share its time. */
final class VirtualTime extends Clock {

    private final ExecutionClock clock;

    VirtualTime(ExecutionClock clock) {
        this.clock = clock;
    }

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
        return clock.now();
    }
}
