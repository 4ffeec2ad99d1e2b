package dev.sparkpipeline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.dataset.BatchPolicy;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How delivered files become batches: by count, bytes and age, per dataset and engine, each file once. */
class BatchPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final BatchPlanner planner = new BatchPlanner(catalog(new BatchPolicy(3, 1_000, 120)));

    @Test
    void aFullBatchClosesAtOnceAndTheRestWaitsForItsAge() {
        var plan = planner.plan(orders(5, 10), T0.plusSeconds(5), false);

        assertThat(plan.batches())
                .singleElement()
                .satisfies(batch -> assertThat(batch.files())
                        .extracting(file -> file.source().key())
                        .containsExactly("orders/f0.csv", "orders/f1.csv", "orders/f2.csv"));
        assertThat(plan.held()).containsExactly("m3", "m4");
    }

    @Test
    void aPartialBatchClosesOnceItsOldestFileHasWaitedMaxWait() {
        var plan = planner.plan(orders(2, 10), T0.plusSeconds(120), false);

        assertThat(plan.batches())
                .singleElement()
                .satisfies(batch -> assertThat(batch.files()).hasSize(2));
        assertThat(plan.held()).isEmpty();
    }

    @Test
    void filesHeldByDifferentDeliveriesComeBackTogetherAtTheDatasetsNextReturnTime() {
        var first = planner.plan(orders(1, 10), T0.plusSeconds(25), false);
        var second = oneMoreFile(T0.plusSeconds(40), T0.plusSeconds(65));

        assertHeldUntil(first, T0.plusSeconds(120));
        assertHeldUntil(second, T0.plusSeconds(120));
    }

    @Test
    void aPartialBatchClosesWhenItsOldestFileWouldWaitPastMaxWaitBeforeItsNextReturn() {
        var plan = planner.plan(orders(2, 10), T0.plusSeconds(121), false);
        var early = oneMoreFile(T0.plusSeconds(121), T0.plusSeconds(125));

        assertThat(plan.batches())
                .singleElement()
                .satisfies(batch -> assertThat(batch.files()).hasSize(2));
        assertThat(early.batches()).isEmpty();
        assertHeldUntil(early, T0.plusSeconds(240));
    }

    @Test
    void closeAllClosesPartialBatchesAtOnce() {
        var plan = planner.plan(orders(2, 10), T0, true);

        assertThat(plan.batches()).hasSize(1);
        assertThat(plan.held()).isEmpty();
    }

    @Test
    void aBatchClosesBeforeItsBytesWouldPassMaxBytes() {
        var plan = planner.plan(orders(3, 400), T0, true);

        assertThat(plan.batches()).extracting(batch -> batch.files().size()).containsExactly(2, 1);
    }

    @Test
    void aFileLargerThanMaxBytesRunsAlone() {
        List<BatchPlanner.Delivered> delivered = new ArrayList<>(orders(2, 10));
        delivered.add(message("big", "orders/big.csv", 5_000, T0));

        var plan = planner.plan(delivered, T0, true);

        assertThat(plan.batches()).extracting(batch -> batch.files().size()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void theSameFileDeliveredTwiceIsPlannedOnceAndBothMessagesAreSettled() {
        List<BatchPlanner.Delivered> delivered = new ArrayList<>(orders(2, 10));
        delivered.add(
                new BatchPlanner.Delivered("again", "h-again", delivered.get(0).file()));

        var plan = planner.plan(delivered, T0, true);

        assertThat(plan.batches()).singleElement().satisfies(batch -> {
            assertThat(batch.files()).hasSize(2);
            assertThat(batch.receipts()).containsExactlyInAnyOrder("m0", "m1", "again");
        });
    }

    @Test
    void filesOfAnotherEngineOrDatasetGoInTheirOwnBatch() {
        List<BatchPlanner.Delivered> delivered = new ArrayList<>(orders(1, 10));
        QueuedFile glue = new QueuedFile("orders", Engine.GLUE, source("orders/g.csv", 10, T0), T0);
        delivered.add(new BatchPlanner.Delivered("g", "h-g", glue));

        var plan = planner.plan(delivered, T0, true);

        assertThat(plan.batches())
                .extracting(BatchPlanner.PlannedBatch::engine)
                .containsExactlyInAnyOrder(Engine.EMR_SERVERLESS, Engine.GLUE);
    }

    @Test
    void aFileOfADatasetThatNoLongerBatchesClosesAlone() {
        var perFile = new BatchPlanner(Fixtures.perFileCatalog());

        var plan = perFile.plan(orders(2, 10), T0, false);

        assertThat(plan.batches()).extracting(batch -> batch.files().size()).containsExactly(1, 1);
    }

    /** A later delivery of one more orders file, landed at {@code landedAt}, planned at {@code now}. */
    private BatchPlanner.Plan oneMoreFile(Instant landedAt, Instant now) {
        return planner.plan(List.of(message("m9", "orders/f9.csv", 10, landedAt)), now, false);
    }

    private static void assertHeldUntil(BatchPlanner.Plan plan, Instant until) {
        assertThat(plan.holds())
                .singleElement()
                .satisfies(hold -> assertThat(hold.until()).isEqualTo(until));
    }

    private static DatasetCatalog catalog(BatchPolicy policy) {
        return new DatasetCatalog(DatasetCatalog.bundled().all().stream()
                .map(dataset -> dataset.name().equals("orders") ? dataset.withBatch(policy) : dataset)
                .toList());
    }

    private static List<BatchPlanner.Delivered> orders(int count, long size) {
        List<BatchPlanner.Delivered> delivered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delivered.add(message("m" + i, "orders/f" + i + ".csv", size, T0.plusSeconds(i)));
        }
        return delivered;
    }

    private static BatchPlanner.Delivered message(String id, String key, long size, Instant landedAt) {
        return new BatchPlanner.Delivered(
                id, "h-" + id, new QueuedFile("orders", Engine.EMR_SERVERLESS, source(key, size, landedAt), landedAt));
    }

    private static SourceObject source(String key, long size, Instant landedAt) {
        return new SourceObject("landing-bucket", key, null, Integer.toHexString(key.hashCode()), size, landedAt);
    }
}
