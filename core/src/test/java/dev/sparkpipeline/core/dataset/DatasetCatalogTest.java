package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.contract.Engine;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    private final DatasetCatalog bundled = DatasetCatalog.bundled();

    @Test
    void routesAKeyToTheDatasetOwningItsPrefix() {
        assertThat(bundled.forKey("orders/2026/11/22/a.csv"))
                .map(DatasetSpec::name)
                .contains("orders");
    }

    @Test
    void aKeyOutsideEveryPrefixHasNoDataset() {
        assertThat(bundled.forKey("invoices/a.csv")).isEmpty();
    }

    @Test
    void theLongestMatchingPrefixWins() {
        var catalog = DatasetCatalog.parse(config("""
                "orders": {"prefix": "orders/", "columns": [{"name": "id", "type": "string"}]},
                "orders_eu": {"prefix": "orders/eu/", "columns": [{"name": "id", "type": "string"}]}
                """));

        assertThat(catalog.forKey("orders/eu/a.csv")).map(DatasetSpec::name).contains("orders_eu");
    }

    @Test
    void defaultsApplyWhereADatasetSetsNothing() {
        DatasetSpec orders = bundled.named("orders").orElseThrow();

        assertThat(orders.timeoutMinutes()).isEqualTo(60);
        assertThat(orders.csv().delimiter()).isEqualTo(',');
        assertThat(bundled.named("customers").orElseThrow().partitionBy()).containsExactly("ingest_date");
    }

    @Test
    void partitionTransformsAndTheOrderingColumnAreReadAsIcebergWritesThem() {
        DatasetSpec orders = bundled.named("orders").orElseThrow();

        assertThat(orders.partitionFields()).extracting(PartitionField::sql).containsExactly("days(`order_ts`)");
        assertThat(PartitionField.parse("bucket(16, customer_id)").orElseThrow().sql())
                .isEqualTo("bucket(16, `customer_id`)");
        assertThat(PartitionField.parse("ingest_date").orElseThrow().sql()).isEqualTo("`ingest_date`");
        assertThat(orders.orderBy()).as("the newest arrival wins").isNull();
    }

    @Test
    void aDatasetOverridesTheDefaults() {
        DatasetSpec customers = bundled.named("customers").orElseThrow();

        assertThat(customers.csv().delimiter()).isEqualTo(';');
        assertThat(customers.engine()).isEqualTo(Engine.GLUE);
        assertThat(customers.formats()).containsExactlyInAnyOrder(DataFormat.CSV, DataFormat.JSON_LINES);
    }

    @Test
    void largeFilesRunOnTheEngineTheirSizeChooses() {
        DatasetSpec orders = bundled.named("orders").orElseThrow();

        assertThat(orders.engineFor(1_000)).isEqualTo(Engine.EMR_SERVERLESS);
        assertThat(orders.engineFor(20L * 1024 * 1024 * 1024)).isEqualTo(Engine.EMR);
    }

    @Test
    void onlyRequiredColumnsAreRequired() {
        assertThat(bundled.named("orders").orElseThrow().requiredColumns())
                .containsExactly("order_id", "customer_id", "order_ts", "amount");
    }

    @Test
    void aMalformedFieldIsNamedInTheError() {
        assertRefused("""
                "orders": {"prefix": "orders/", "maxBytes": "big", "columns": [{"name": "id", "type": "string"}]}
                """).hasMessage("datasets.orders.maxBytes must be a number");
    }

    @Test
    void aPrefixMustEndWithASlash() {
        assertRefused("""
                "orders": {"prefix": "orders", "columns": [{"name": "id", "type": "string"}]}
                """).hasMessageContaining("datasets.orders.prefix");
    }

    @Test
    void anUnknownEngineIsRejected() {
        assertRefused("""
                "orders": {"prefix": "orders/", "engine": "SPARKLY", "columns": [{"name": "id", "type": "string"}]}
                """).hasMessageContaining("datasets.orders.engine");
    }

    /** What parsing a config of these {@code datasets} throws, which must be an {@link InvalidDatasetConfig}. */
    @Test
    void aBatchedDatasetKeepsItsPolicyAndAnotherRunsOneExecutionPerFile() {
        assertThat(bundled.named("orders").orElseThrow().batch()).isEqualTo(new BatchPolicy(500, 1L << 30, 120));
        assertThat(bundled.named("customers").orElseThrow().batch()).isNull();
    }

    @Test
    void aBatchTakesTheDefaultsForWhatItLeavesOutAndFalseTurnsItOff() {
        var catalog = DatasetCatalog.parse(config("""
                "a": {"prefix": "a/", "columns": [{"name": "id", "type": "string"}], "batch": {}},
                "b": {"prefix": "b/", "columns": [{"name": "id", "type": "string"}], "batch": false}
                """));

        assertThat(catalog.named("a").orElseThrow().batch())
                .isEqualTo(new BatchPolicy(
                        BatchPolicy.DEFAULT_MAX_FILES,
                        BatchPolicy.DEFAULT_MAX_BYTES,
                        BatchPolicy.DEFAULT_MAX_WAIT_SECONDS));
        assertThat(catalog.named("b").orElseThrow().batch()).isNull();
    }

    @Test
    void aBatchPolicyOutOfBoundsOrWithAnUnknownFieldIsNamed() {
        assertRefused("""
                "a": {"prefix": "a/", "columns": [{"name": "id", "type": "string"}], "batch": {"maxFiles": 0}}
                """).hasMessageContaining("a.batch.maxFiles must be a whole number from 1 to 10000");
        assertRefused("""
                "a": {"prefix": "a/", "columns": [{"name": "id", "type": "string"}], "batch": {"maxWait": 5}}
                """).hasMessageContaining("maxWait: unknown field");
    }

    @Test
    void aFileTooLargeForABatchOrRoutedToALargeEngineRunsAlone() {
        DatasetSpec orders = bundled.named("orders").orElseThrow();

        assertThat(orders.batches(1_000)).isTrue();
        assertThat(orders.batches((1L << 30) + 1)).as("over maxBytes").isFalse();
        assertThat(orders.batches(10_737_418_240L)).as("routed to EMR").isFalse();
        assertThat(bundled.named("customers").orElseThrow().batches(1_000)).isFalse();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String datasets) {
        return assertThatThrownBy(() -> DatasetCatalog.parse(config(datasets)))
                .isInstanceOf(InvalidDatasetConfig.class);
    }

    private static byte[] config(String datasets) {
        String defaults = """
                {"formats": ["csv", "jsonl", "parquet"], "gzip": true, "minBytes": 1, "maxBytes": 1000,
                 "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                 "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]}""";
        return ("{\"defaults\": " + defaults + ", \"datasets\": {" + datasets + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
