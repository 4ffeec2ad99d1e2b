package dev.sparkpipeline.core.dataset.profile;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset's Glue job run: its workers, auto scaling, execution class and extra job parameters.
 *
 * @param workerType      {@code G.1X}, {@code G.2X}, ... or null: the job's own (template's {@code GlueWorkerType})
 * @param numberOfWorkers workers (with auto scaling: the most), or null: the job's own
 * @param autoScaling     true: {@code --enable-auto-scaling true}, Glue scales up to {@code numberOfWorkers}
 * @param flex            true: execution class {@code FLEX} (spare capacity, cheaper, may start later)
 * @param jobParameters   further Glue job parameters ({@code --enable-metrics} ...), names with their {@code --}
 */
public record GlueProfile(
        String workerType,
        Integer numberOfWorkers,
        boolean autoScaling,
        boolean flex,
        Map<String, String> jobParameters)
        implements Serializable {

    /** Worker types StartJobRun accepts (the SDK's {@code WorkerType}, less the legacy {@code Standard}). */
    public static final List<String> WORKER_TYPES = List.of("G.025X", "G.1X", "G.2X", "G.4X", "G.8X", "Z.2X");

    /**
     * Parameters a profile may not set: Glue reserves {@code --conf}, {@code --debug}, {@code --mode} and
     * {@code --JOB_NAME} (Glue Developer Guide, "Using job parameters in Glue jobs"); the pipeline sets the
     * Iceberg, class and script ones, and this profile's own fields the scaling and execution class.
     */
    public static final List<String> RESERVED = List.of(
            "--conf",
            "--debug",
            "--mode",
            "--JOB_NAME",
            "--JOB_ID",
            "--JOB_RUN_ID",
            "--class",
            "--extra-jars",
            "--extra-py-files",
            "--user-jars-first",
            "--datalake-formats",
            "--job-language",
            "--job-bookmark-option",
            "--scriptLocation",
            "--TempDir",
            "--enable-auto-scaling",
            "--execution-class");

    public static final GlueProfile DEFAULT = new GlueProfile(null, null, false, false, Map.of());

    public GlueProfile {
        jobParameters = jobParameters == null ? Map.of() : new TreeMap<>(jobParameters);
    }

    /** The job run arguments this profile adds (before the pipeline's own). */
    public Map<String, String> arguments() {
        Map<String, String> arguments = new TreeMap<>(jobParameters);
        if (autoScaling) {
            arguments.put("--enable-auto-scaling", "true");
        }
        return arguments;
    }
}
