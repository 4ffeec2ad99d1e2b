package dev.sparkpipeline.core.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Work a function does before Lambda SnapStart snapshots it, so the snapshot holds loaded classes,
 * built serializers and a warmed SDK stack (marshalling, signing, HTTP) instead of a bare JVM: the
 * first invocation after a restore then costs about what a warm one does. A warm-up calls the
 * function's own code path with an event naming nothing that exists; whatever that call answers,
 * the snapshot goes ahead.
 */
public final class SnapStartPriming implements Resource {

    /** CRaC holds resources weakly: these references keep them until the snapshot. */
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();
    /** A few rounds, so the snapshot also holds the JIT's code for the hot paths, not only loaded classes. */
    private static final int ROUNDS = 3;

    private final WarmUp warmUp;

    /** A function's own code path on an event naming nothing real; it may read and write streams. */
    @FunctionalInterface
    public interface WarmUp {
        void run() throws IOException;
    }

    private SnapStartPriming(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    /** Registers {@code warmUp} to run before the snapshot. */
    public static void register(WarmUp warmUp) {
        var priming = new SnapStartPriming(warmUp);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /**
     * Runs every registered warm-up now, as the runtime's CRaC implementation does before a
     * snapshot: for tests and benchmarks on a JVM without CRaC, where org.crac cannot be driven.
     */
    public static void runRegistered() {
        REGISTERED.forEach(priming -> priming.beforeCheckpoint(null));
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                warmUp.run();
            } catch (IOException | RuntimeException expected) {
                // The warm-up's event names nothing real: an error answer is the usual outcome.
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: clients reconnect on their next call.
    }
}
