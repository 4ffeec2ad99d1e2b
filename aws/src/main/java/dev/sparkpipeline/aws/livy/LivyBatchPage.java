package dev.sparkpipeline.aws.livy;

import java.util.List;

/**
 * One page of {@code GET /batches?from=&size=}.
 *
 * @param from     the index of the page's first batch
 * @param total    how many batches Livy holds in all ({@code SessionServlet}: {@code sessionManager.size()},
 *                 though the REST documentation says "number of sessions fetched")
 * @param sessions the page's batches
 */
public record LivyBatchPage(int from, int total, List<LivyBatch> sessions) {

    public LivyBatchPage {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
