package dev.sparkpipeline.aws.livy;

import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.NormalisedState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's own batch, seen once and verified to be it.
 *
 * @param ref   the reference to keep for the next look: its id is where the batch is now (it moves
 *              when Livy's ids restarted and the batch was found again by name), its appId set once known
 * @param batch what Livy said about it
 */
public record LivySighting(LivyBatchRef ref, LivyBatch batch) {

    /** Livy's state normalised ({@link EngineDescriptions#EMR_LIVY}); a state it does not list is RUNNING. */
    public NormalisedState state() {
        return EngineDescriptions.EMR_LIVY.normalise(batch.state());
    }

    /**
     * The engine's observation: Livy's state, links from {@code appInfo} and the YARN application,
     * and for a batch that failed or was killed its log's last exception, else its last line (Livy gives no
     * reason of its own).
     */
    public EngineObservation observation() {
        Map<String, String> links = new LinkedHashMap<>();
        if (batch.appInfo().containsKey("sparkUiUrl")) {
            links.put("sparkUi", batch.appInfo().get("sparkUiUrl"));
        }
        if (batch.appInfo().containsKey("driverLogUrl")) {
            links.put("driverLogs", batch.appInfo().get("driverLogUrl"));
        }
        String reason = null;
        NormalisedState state = state();
        if (state == NormalisedState.FAILED || state == NormalisedState.CANCELLED) {
            reason = "Livy batch " + batch.id() + (ref.appId() == null ? "" : " (" + ref.appId() + ")") + " is "
                    + batch.state() + lastLine(batch.log());
        }
        return new EngineObservation(batch.state(), reason, links, Map.of());
    }

    /**
     * The line that says why: the last exception's first line (spark-submit logs its shutdown hooks
     * after it), else the last line with something in it.
     */
    private static String lastLine(List<String> log) {
        String last = null;
        for (int i = log.size() - 1; i >= 0; i--) {
            String line = log.get(i).strip();
            if (line.isEmpty() || line.equals("stdout:") || line.equals("stderr:") || line.startsWith("at ")) {
                continue;
            }
            if (line.contains("Exception") || line.contains("Error:")) {
                return ": " + line;
            }
            if (last == null) {
                last = line;
            }
        }
        return last == null ? "" : ": " + last;
    }
}
