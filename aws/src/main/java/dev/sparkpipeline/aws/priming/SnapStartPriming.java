package dev.sparkpipeline.aws.priming;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Work a function does before Lambda SnapStart snapshots it, so the snapshot holds loaded classes,
 * built serializers and a warmed SDK stack (marshalling, signing, HTTP) instead of a bare JVM: the
 * first invocation after a restore then costs about what a warm one does. A warm-up calls the
 * function's own code path, either with canned answers in place of AWS (its success path) or with
 * an event naming nothing that exists; whatever that call answers, the snapshot goes ahead.
 */
public final class SnapStartPriming implements Resource {

    /** CRaC holds resources weakly: these references keep them until the snapshot. */
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();
    /** The answers in force on the thread running a warm-up; none outside warm-ups. */
    private static final ThreadLocal<List<CannedResponse>> ANSWERS = new ThreadLocal<>();
    /** Set on the thread running a warm-up, with or without answers. */
    private static final ThreadLocal<Boolean> WARMING_UP = ThreadLocal.withInitial(() -> false);
    /** A few rounds, so the snapshot also holds the JIT's code for the hot paths, not only loaded classes. */
    private static final int ROUNDS = 3;

    private final WarmUp warmUp;
    private final Supplier<List<CannedResponse>> answers;

    /** A function's own code path on an event naming nothing real; it may read and write streams. */
    @FunctionalInterface
    public interface WarmUp {
        void run() throws IOException;
    }

    private SnapStartPriming(WarmUp warmUp, Supplier<List<CannedResponse>> answers) {
        this.warmUp = warmUp;
        this.answers = answers;
    }

    /** Registers {@code warmUp} to run before the snapshot, its AWS calls going where they are addressed. */
    public static SnapStartPriming register(WarmUp warmUp) {
        return register(List::of, warmUp);
    }

    /**
     * Registers {@code warmUp} to run before the snapshot with {@code answers} in place of AWS: every
     * AWS call it makes gets the first matching answer, and a call no answer matches fails without
     * reaching the network. A warm-up can so take the function's success path (start, copy, submit)
     * and change nothing. The answers are made when the warm-up runs, not at registration: a
     * function started without SnapStart never pays for them.
     */
    public static SnapStartPriming register(Supplier<List<CannedResponse>> answers, WarmUp warmUp) {
        var priming = new SnapStartPriming(warmUp, answers);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * The answers a warm-up running on this thread gets, or null outside warm-ups with answers:
     * read by the functions' HTTP client.
     */
    public static List<CannedResponse> cannedAnswers() {
        return ANSWERS.get();
    }

    /**
     * Whether a warm-up runs on this thread: its metrics are dropped, since the log lines of a
     * snapshot's init phase reach the log group, and CloudWatch would count the warm-up's file.
     */
    public static boolean warmingUp() {
        return WARMING_UP.get();
    }

    /**
     * Runs every registered warm-up now, as the runtime's CRaC implementation does before a
     * snapshot: for tests and benchmarks on a JVM without CRaC, where org.crac cannot be driven.
     *
     * @return what the warm-ups that failed threw in their last round
     */
    public static List<Exception> runRegistered() {
        List<Exception> failures = new ArrayList<>();
        REGISTERED.forEach(priming -> priming.runNow().ifPresent(failures::add));
        return failures;
    }

    /** Runs this warm-up now, as before a snapshot; answers what its last round threw, if it threw. */
    public Optional<Exception> runNow() {
        return runRounds();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Whatever the warm-up threw, the snapshot goes ahead.
        runRounds();
    }

    /** Runs the warm-up's rounds; answers what the last one threw, if it threw. */
    private Optional<Exception> runRounds() {
        List<CannedResponse> canned = answers.get();
        if (!canned.isEmpty()) {
            ANSWERS.set(canned);
        }
        Exception last = null;
        WARMING_UP.set(true);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try {
                    warmUp.run();
                    last = null;
                } catch (IOException | RuntimeException e) {
                    // A warm-up without answers names nothing real: an error answer is its usual outcome.
                    last = e;
                }
            }
        } finally {
            ANSWERS.remove();
            WARMING_UP.remove();
        }
        return Optional.ofNullable(last);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: clients reconnect on their next call.
    }
}
