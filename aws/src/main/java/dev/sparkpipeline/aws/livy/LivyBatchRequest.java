package dev.sparkpipeline.aws.livy;

import dev.sparkpipeline.core.engine.SparkApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /batches} (Livy REST API, "POST /batches"): the fields the pipeline sets.
 *
 * @param file      the application's jar (a path the cluster can read: {@code s3://}, {@code hdfs://})
 * @param className its main class
 * @param args      its command-line arguments
 * @param conf      Spark configuration properties
 * @param name      the batch's name, unique among the sessions Livy holds: the execution's name
 * @param pyFiles   a PySpark application's other Python files
 * @param archives  a PySpark application's archives
 */
public record LivyBatchRequest(
        String file,
        String className,
        List<String> args,
        Map<String, String> conf,
        String name,
        List<String> pyFiles,
        List<String> archives) {

    public LivyBatchRequest {
        args = args == null ? List.of() : List.copyOf(args);
        conf = conf == null ? Map.of() : Map.copyOf(conf);
        pyFiles = pyFiles == null ? List.of() : List.copyOf(pyFiles);
        archives = archives == null ? List.of() : List.copyOf(archives);
    }

    /** A JAR application's batch. */
    public LivyBatchRequest(String file, String className, List<String> args, Map<String, String> conf, String name) {
        this(file, className, args, conf, name, List.of(), List.of());
    }

    /**
     * The batch of what an engine starts for a run (the curate job or the dataset's own), with the
     * catalog's Spark settings after the job's own, named {@code name}.
     */
    public static LivyBatchRequest of(SparkApplication app, Map<String, String> catalogConf, String name) {
        Map<String, String> conf = new LinkedHashMap<>(app.sparkConf());
        conf.putAll(catalogConf);
        return new LivyBatchRequest(
                app.entryPoint(), app.mainClass(), app.arguments(), conf, name, app.pyFiles(), app.archives());
    }
}
