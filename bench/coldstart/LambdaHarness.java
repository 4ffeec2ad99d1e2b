import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the Lambda runtime does for one container, timed: load the handler class and build it
 * (init), invoke it once (first invocation), then again (warm invocations). In "primed" mode the
 * SnapStart priming hooks run between init and the first invocation, as the runtime runs them
 * before the snapshot. Prints one line of JSON. Runs on exactly the function's artifact plus this class.
 *
 * Usage: java ... LambdaHarness MODE HANDLER_CLASS EVENT_FILE WARM_RUNS SPAWN_EPOCH_MILLIS
 */
public final class LambdaHarness {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        int warmRuns = Integer.parseInt(args[3]);
        long spawned = Long.parseLong(args[4]);

        long start = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler)
                Class.forName(args[1]).getDeclaredConstructor().newInstance();
        long init = System.nanoTime() - start;
        if (mode.equals("primed")) {
            // org.crac cannot be driven on a JVM without CRaC: the pipeline's own entry runs the same hooks.
            Class.forName("dev.sparkpipeline.aws.priming.SnapStartPriming")
                    .getMethod("runRegistered")
                    .invoke(null);
        }
        long firstStart = System.nanoTime();
        String outcome = invoke(handler, event);
        long first = System.nanoTime() - firstStart;
        long toFirstResponse = System.currentTimeMillis() - spawned;

        long[] warm = new long[warmRuns];
        String text = new String(event, StandardCharsets.UTF_8);
        for (int i = 0; i < warmRuns; i++) {
            // An event of one execution (submit, publish) names a new one each time, as in steady
            // state: a repeat would take the idempotent path, which does less than the first did.
            byte[] next = text.replaceFirst("(\"executionName\": \"[^\"]+)\"", "$1-warm-" + i + "\"")
                    .getBytes(StandardCharsets.UTF_8);
            long t = System.nanoTime();
            invoke(handler, next);
            warm[i] = System.nanoTime() - t;
        }
        Arrays.sort(warm);
        System.out.printf(
                "{\"mode\": \"%s\", \"initMs\": %.1f, \"firstMs\": %.1f, \"toFirstResponseMs\": %d, \"warmMedianMs\": %.2f, \"outcome\": \"%s\"}%n",
                mode,
                init / 1e6,
                first / 1e6,
                toFirstResponse,
                warmRuns == 0 ? 0.0 : warm[warmRuns / 2] / 1e6,
                outcome);
        System.exit(0);
    }

    /** The function's answer, or the error the runtime would report: either way the call was made. */
    private static String invoke(RequestStreamHandler handler, byte[] event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
            return "ok";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
