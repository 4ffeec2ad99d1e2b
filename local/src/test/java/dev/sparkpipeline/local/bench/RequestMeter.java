package dev.sparkpipeline.local.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Counts the AWS requests each function makes (S3, SQS, StartExecution, engine and catalog calls,
 * as the adapters see them) and turns an invocation's requests into a modelled billed duration:
 * {@value #HANDLER_MILLIS} ms of the handler's own work plus {@value #REQUEST_MILLIS} ms a request.
 * Both are assumptions: S3's performance guide puts small requests' median latency "in the tens
 * of milliseconds" (Best Practices Design Patterns: Optimizing Amazon S3 Performance, "Timeouts
 * and retries for latency-sensitive applications"), and every request here is small and made one
 * after another, as the code makes them.
 */
final class RequestMeter {

    /** The handler's own work in a warm invocation (JSON in and out, the rules): assumed. */
    static final long HANDLER_MILLIS = 5;
    /** One small AWS request from Lambda in the same region: assumed. */
    static final long REQUEST_MILLIS = 30;

    /**
     * One function's invocations.
     *
     * @param invocations  how many
     * @param requests     the AWS requests they made
     * @param billedMillis their modelled billed duration
     * @param longestMillis the longest modelled invocation
     */
    record FunctionUse(long invocations, long requests, long billedMillis, long longestMillis) {

        FunctionUse plus(long calls, long millis) {
            return new FunctionUse(
                    invocations + 1, requests + calls, billedMillis + millis, Math.max(longestMillis, millis));
        }
    }

    /**
     * What one invocation came to.
     *
     * @param answer   the handler's answer
     * @param requests the AWS requests it made
     * @param millis   its modelled duration
     */
    record Invocation<T>(T answer, long requests, long millis) {}

    private final Map<String, FunctionUse> byFunction = new TreeMap<>();
    private long requests;
    private long lastMillis;
    private boolean inInvocation;

    /** Counts one AWS request, when a function makes it (the simulated job's own writes are not a function's). */
    void request() {
        if (inInvocation) {
            requests++;
        }
    }

    /** Runs one invocation of {@code function}, metering its requests; a thrown error is metered too. */
    <T> Invocation<T> invoke(String function, Supplier<T> handler) {
        long before = requests;
        inInvocation = true;
        try {
            T answer = handler.get();
            long calls = requests - before;
            return new Invocation<>(answer, calls, record(function, calls));
        } catch (RuntimeException failed) {
            record(function, requests - before);
            throw failed;
        } finally {
            inInvocation = false;
        }
    }

    private long record(String function, long calls) {
        long millis = HANDLER_MILLIS + calls * REQUEST_MILLIS;
        lastMillis = millis;
        byFunction.merge(function, new FunctionUse(1, calls, millis, millis), (had, one) -> had.plus(calls, millis));
        return millis;
    }

    /** The modelled duration of the last invocation, answered or failed. */
    long lastMillis() {
        return lastMillis;
    }

    /** Every function's use so far, by logical id. */
    Map<String, FunctionUse> byFunction() {
        return Map.copyOf(byFunction);
    }
}
