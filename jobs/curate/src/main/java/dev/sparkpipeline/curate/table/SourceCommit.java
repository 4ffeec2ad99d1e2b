package dev.sparkpipeline.curate.table;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run records in the snapshot that commits its rows, so that the table itself says which
 * source versions it holds: the run, the source object's URI, version and ETag, and the run's row
 * counts. A replay of the same source version finds its snapshot and writes nothing.
 *
 * @param runId     the run
 * @param source    the source object's URI
 * @param version   its version id, or null (an unversioned bucket)
 * @param etag      its ETag, or null when the input did not say
 * @param rowsIn    rows read
 * @param rejected  rows that failed the schema
 * @param duplicates rows dropped as duplicates
 */
public record SourceCommit(
        String runId, String source, String version, String etag, long rowsIn, long rejected, long duplicates) {

    static final String RUN_ID = "pipeline.run-id";
    static final String SOURCE = "pipeline.source";
    static final String VERSION = "pipeline.source-version";
    static final String ETAG = "pipeline.source-etag";
    static final String ROWS_IN = "pipeline.rows-in";
    static final String REJECTED = "pipeline.rows-rejected";
    static final String DUPLICATES = "pipeline.rows-duplicate";

    /** The snapshot summary properties. */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(RUN_ID, runId);
        properties.put(SOURCE, source);
        if (version != null) {
            properties.put(VERSION, version);
        }
        if (etag != null) {
            properties.put(ETAG, etag);
        }
        properties.put(ROWS_IN, Long.toString(rowsIn));
        properties.put(REJECTED, Long.toString(rejected));
        properties.put(DUPLICATES, Long.toString(duplicates));
        return properties;
    }

    /**
     * Whether a snapshot's summary records this source version: the same object under the same run
     * (a retry), or the same object version under another run: the same version id when both know
     * one, else the same ETag. An object known by neither is known by its run alone, since its name
     * says nothing about its content.
     */
    boolean recordedIn(Map<String, String> summary) {
        if (summary == null || !source.equals(summary.get(SOURCE))) {
            return false;
        }
        if (runId.equals(summary.get(RUN_ID))) {
            return true;
        }
        String recordedVersion = summary.get(VERSION);
        if (version != null && recordedVersion != null) {
            return version.equals(recordedVersion);
        }
        return etag != null && etag.equals(summary.get(ETAG));
    }

    /** The counts an earlier run recorded, for a replay's manifest. */
    public static SourceCommit of(Map<String, String> summary) {
        return new SourceCommit(
                summary.get(RUN_ID),
                summary.get(SOURCE),
                summary.get(VERSION),
                summary.get(ETAG),
                Long.parseLong(summary.getOrDefault(ROWS_IN, "0")),
                Long.parseLong(summary.getOrDefault(REJECTED, "0")),
                Long.parseLong(summary.getOrDefault(DUPLICATES, "0")));
    }
}
