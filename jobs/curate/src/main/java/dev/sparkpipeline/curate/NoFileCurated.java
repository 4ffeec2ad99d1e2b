package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.outcome.Manifest;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch run none of whose files could be curated: nothing is committed, the run's manifest lists
 * every file with its reason, and the run fails so that the pipeline records each file's failure.
 */
final class NoFileCurated extends RuntimeException {

    /** How many files' reasons the message names. */
    private static final int NAMED = 3;

    /** The longest reason the message repeats: the manifest has each one whole. */
    private static final int REASON_CHARS = 300;

    /**
     * @param batch  the batch manifest's URI
     * @param failed every member of the batch, each failed, in the manifest's order
     */
    NoFileCurated(String batch, List<Manifest.SourceResult> failed) {
        super(message(batch, failed));
    }

    private static String message(String batch, List<Manifest.SourceResult> failed) {
        List<String> named = new ArrayList<>();
        for (Manifest.SourceResult file : failed.subList(0, Math.min(NAMED, failed.size()))) {
            String reason = file.reason() == null ? "failed" : file.reason();
            named.add(file.uri() + ": "
                    + (reason.length() > REASON_CHARS ? reason.substring(0, REASON_CHARS) + "..." : reason));
        }
        if (failed.size() > NAMED) {
            named.add("and " + (failed.size() - NAMED) + " more");
        }
        return (failed.size() == 1 ? "the one file" : "all " + failed.size() + " files") + " of batch " + batch
                + " failed, nothing was committed: " + String.join("; ", named);
    }
}
