package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.local.asl.ExecutionClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Semaphore;

/**
 * A discrete-event clock shared by everything in one load run: landings, queue deliveries and
 * engine state changes are events run in time order on the caller's thread, and each execution
 * of the state machine runs on its own thread whose waits ({@link #sleep}) are events too. Only
 * one thread runs at a time (a baton passed through semaphores), so the functions, the store and
 * the engine models see one execution's calls at a time, as in a single-threaded simulation, while
 * the interpreter keeps its ordinary blocking {@code run}.
 */
final class VirtualTime implements ExecutionClock {

    /** Thread stacks of the executions: the interpreter's recursion is shallow, thousands run at once. */
    private static final long STACK_BYTES = 512 * 1024;

    private record Event(long atMillis, long order, Runnable action) {}

    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparingLong(Event::atMillis).thenComparingLong(Event::order));
    private final Semaphore toScheduler = new Semaphore(0);
    private final ThreadLocal<Semaphore> baton = new ThreadLocal<>();
    private long nowMillis;
    private long order;
    private Throwable failure;

    VirtualTime(Instant start) {
        this.nowMillis = start.toEpochMilli();
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(nowMillis);
    }

    /** Runs {@code action} on the scheduler's thread at {@code at} (now, if that has passed). */
    void at(Instant at, Runnable action) {
        events.add(new Event(Math.max(nowMillis, at.toEpochMilli()), order++, action));
    }

    /** Runs {@code action} on the scheduler's thread {@code delay} from now. */
    void after(Duration delay, Runnable action) {
        at(now().plus(delay), action);
    }

    /** Starts {@code body} on its own thread now; its {@link #sleep} calls wait in virtual time. */
    void spawn(String name, Runnable body) {
        at(now(), () -> {
            Semaphore go = new Semaphore(0);
            Thread thread = new Thread(
                    null,
                    () -> {
                        baton.set(go);
                        go.acquireUninterruptibly();
                        try {
                            body.run();
                        } catch (Throwable failed) {
                            failure = failed;
                        } finally {
                            toScheduler.release();
                        }
                    },
                    name,
                    STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
            handOver(go);
        });
    }

    /** From an execution's thread: resumes it once virtual time reaches now plus {@code duration}. */
    @Override
    public void sleep(Duration duration) {
        Semaphore go = baton.get();
        if (go == null) {
            throw new IllegalStateException("only an execution's thread waits; events are scheduled");
        }
        after(duration, () -> handOver(go));
        toScheduler.release();
        go.acquireUninterruptibly();
    }

    /** Runs every event in time order until none is left; a failure in any event or execution ends it. */
    void run() {
        while (!events.isEmpty()) {
            Event next = events.poll();
            nowMillis = Math.max(nowMillis, next.atMillis());
            next.action().run();
            if (failure != null) {
                throw new IllegalStateException("the load run failed at " + now(), failure);
            }
        }
    }

    /** Lets one execution's thread run until it waits or ends. */
    private void handOver(Semaphore go) {
        go.release();
        toScheduler.acquireUninterruptibly();
    }
}
