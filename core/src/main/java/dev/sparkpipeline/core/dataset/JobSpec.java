package dev.sparkpipeline.core.dataset;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark application a dataset runs: the pipeline's curate job ({@link #CURATE}, the default),
 * or the dataset's own JAR with its main class, or its own PySpark entry point with its Python
 * files and archives. Every engine calls it with the job contract's arguments
 * ({@code docs/job-contract.md}), then {@link #arguments}.
 *
 * @param entryPoint the JAR or {@code .py}: an {@code s3://} URI, or a path in the repository
 *                   (offline, a file under the repository; in the cloud, the same key in the
 *                   artifacts bucket, where {@code bin/deploy} uploads it); null for the curate job
 * @param mainClass  the JAR's main class; null for a PySpark job
 * @param pyFiles    a PySpark job's other Python files ({@code .py}, {@code .zip}, {@code .egg})
 * @param archives   a PySpark job's archives ({@code env.tar.gz#env}), unpacked beside the job
 * @param arguments  arguments passed after the pipeline's own
 * @param sparkConf  Spark configuration ({@code --conf name=value}) the job runs with
 */
public record JobSpec(
        String entryPoint,
        String mainClass,
        List<String> pyFiles,
        List<String> archives,
        List<String> arguments,
        Map<String, String> sparkConf)
        implements Serializable {

    /** The pipeline's curate job: {@code jobs/curate}, the engines' own jar. */
    public static final JobSpec CURATE = new JobSpec(null, null, List.of(), List.of(), List.of(), Map.of());

    public JobSpec {
        pyFiles = List.copyOf(pyFiles);
        archives = List.copyOf(archives);
        arguments = List.copyOf(arguments);
        // The order given is the order passed: copied, not re-hashed.
        sparkConf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    }

    /** Whether this is the pipeline's curate job. */
    public boolean curate() {
        return entryPoint == null;
    }

    /** Whether this is a PySpark job (its entry point is a {@code .py}). */
    public boolean python() {
        return entryPoint != null && entryPoint.endsWith(".py");
    }

    /**
     * Where an engine finds {@code location} (the entry point, a Python file, an archive): an
     * {@code s3://} URI as it is, a repository path at the same key of the artifacts bucket.
     */
    public static String inCloud(String location, String artifactsBucket) {
        return location.startsWith("s3://") ? location : "s3://" + artifactsBucket + "/" + location;
    }
}
