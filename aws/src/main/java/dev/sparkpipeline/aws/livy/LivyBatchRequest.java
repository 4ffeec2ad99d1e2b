package dev.sparkpipeline.aws.livy;

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
 */
public record LivyBatchRequest(
        String file, String className, List<String> args, Map<String, String> conf, String name) {

    public LivyBatchRequest {
        args = args == null ? List.of() : List.copyOf(args);
        conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
}
