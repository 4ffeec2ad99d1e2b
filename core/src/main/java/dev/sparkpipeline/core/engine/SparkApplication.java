package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.dataset.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an engine starts for one run: the dataset's job ({@link JobSpec}) with the job contract's
 * arguments ({@link CurateJobCall}) first and the job's own after them, its files where the
 * engine reads them, and its Spark configuration. Every engine builds its request from this, so
 * the curate job and a dataset's own job take the same path.
 *
 * @param entryPoint the JAR or {@code .py} the engine runs
 * @param mainClass  the JAR's main class, or null for a PySpark job
 * @param pyFiles    a PySpark job's other Python files
 * @param archives   a PySpark job's archives
 * @param contract   the job contract's arguments ({@link CurateJobCall#arguments()})
 * @param own        the job's own arguments, passed after the contract's
 * @param sparkConf  the job's own Spark configuration (the engine adds its catalog's)
 */
public record SparkApplication(
        String entryPoint,
        String mainClass,
        List<String> pyFiles,
        List<String> archives,
        List<String> contract,
        List<String> own,
        Map<String, String> sparkConf) {

    public SparkApplication {
        pyFiles = List.copyOf(pyFiles);
        archives = List.copyOf(archives);
        contract = List.copyOf(contract);
        own = List.copyOf(own);
        sparkConf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    }

    /**
     * The run of {@code job} for {@code call}: the curate job from {@code curateJar}, a dataset's
     * own job from its location ({@link JobSpec#inCloud} in {@code artifactsBucket}).
     */
    public static SparkApplication of(JobSpec job, CurateJobCall call, String curateJar, String artifactsBucket) {
        if (job.curate()) {
            return new SparkApplication(
                    curateJar, CurateJobCall.MAIN_CLASS, List.of(), List.of(), call.arguments(), List.of(), Map.of());
        }
        return new SparkApplication(
                JobSpec.inCloud(job.entryPoint(), artifactsBucket),
                job.mainClass(),
                job.pyFiles().stream()
                        .map(file -> JobSpec.inCloud(file, artifactsBucket))
                        .toList(),
                job.archives().stream()
                        .map(file -> JobSpec.inCloud(file, artifactsBucket))
                        .toList(),
                call.arguments(),
                job.arguments(),
                job.sparkConf());
    }

    /** The arguments the job is called with: the contract's, then its own. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(contract);
        arguments.addAll(own);
        return arguments;
    }

    /** Whether this is the pipeline's curate job. */
    public boolean curate() {
        return CurateJobCall.MAIN_CLASS.equals(mainClass);
    }

    /** Whether this is a PySpark job. */
    public boolean python() {
        return mainClass == null;
    }

    /**
     * The spark-submit options that say what runs: {@code --class} for a JAR, {@code --py-files}
     * and {@code --archives} for a PySpark job, then {@code --conf name=value} for each setting.
     */
    public List<String> submitOptions() {
        List<String> options = new ArrayList<>();
        if (mainClass != null) {
            options.addAll(List.of("--class", mainClass));
        }
        if (!pyFiles.isEmpty()) {
            options.addAll(List.of("--py-files", String.join(",", pyFiles)));
        }
        if (!archives.isEmpty()) {
            options.addAll(List.of("--archives", String.join(",", archives)));
        }
        sparkConf.forEach((name, value) -> options.addAll(List.of("--conf", name + "=" + value)));
        return options;
    }
}
