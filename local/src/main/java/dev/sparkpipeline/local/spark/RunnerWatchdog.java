package dev.sparkpipeline.local.spark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The entry point of a local job's JVM: runs the job's own main class (its first argument) and
 * stops the JVM when the runner that started it is gone, however the runner died. The runner
 * holds the write end of this JVM's standard input and never writes to it; the operating system
 * closes it when the runner exits, even on {@code kill -9}, and the read here then ends. Nothing
 * unsupervised keeps writing curated files.
 */
public final class RunnerWatchdog {

    /** The exit code of a job stopped because its runner went away (128 + SIGTERM, as a stopped process). */
    public static final int RUNNER_GONE = 143;

    private RunnerWatchdog() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: RunnerWatchdog MAIN_CLASS [ARGUMENTS...]");
        }
        Thread watchdog = new Thread(
                () -> {
                    waitForEndOfInput(System.in);
                    System.err.println("RunnerWatchdog: the runner that started this job is gone; stopping the job");
                    System.exit(RUNNER_GONE);
                },
                "runner-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                    Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void waitForEndOfInput(InputStream in) {
        try {
            while (in.read() >= 0) {
                // The runner writes nothing; anything read is ignored.
            }
        } catch (IOException closed) {
            // A broken pipe is the runner gone too.
        }
    }
}
