package dev.sparkpipeline.aws.livy;

import java.util.List;

/**
 * A slice of a batch's log, {@code GET /batches/{id}/log?from=&size=}.
 *
 * @param id    the batch id
 * @param from  the offset of the first line
 * @param total how many lines the log has (Livy 0.7 sends {@code total}; the REST documentation says {@code size})
 * @param lines the lines
 */
public record LivyLog(int id, int from, int total, List<String> lines) {

    public LivyLog {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
