package dev.sparkpipeline.aws.livy;

import java.util.List;
import java.util.Map;

/**
 * A batch as Livy describes it ({@code BatchSessionView}, Livy 0.7: {@code GET /batches/{id}},
 * the entries of {@code GET /batches}, the answer of {@code POST /batches}).
 *
 * @param id      Livy's integer id: counted from 0 again when Livy restarts without recovery
 * @param name    the name it was submitted with, or null
 * @param state   Livy's state name ({@code starting}, {@code running}, {@code success}, ...)
 * @param appId   the YARN application id once Spark has one, or null
 * @param appInfo {@code driverLogUrl}, {@code sparkUiUrl} (the null ones left out)
 * @param log     the last lines of the batch's log (Livy sends ten)
 */
public record LivyBatch(
        int id, String name, String state, String appId, Map<String, String> appInfo, List<String> log) {

    public LivyBatch {
        appInfo = appInfo == null ? Map.of() : Map.copyOf(appInfo);
        log = log == null ? List.of() : List.copyOf(log);
    }
}
