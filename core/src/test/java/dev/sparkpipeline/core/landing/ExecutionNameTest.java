package dev.sparkpipeline.core.landing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionNameTest {

    @Test
    void theSameObjectVersionAlwaysGetsTheSameName() {
        assertThat(ExecutionName.of("orders", "b", "orders/a.csv", "v1", "e"))
                .isEqualTo(ExecutionName.of("orders", "b", "orders/a.csv", "v1", "e"));
    }

    @Test
    void anotherVersionOfTheSameKeyGetsAnotherName() {
        assertThat(ExecutionName.of("orders", "b", "orders/a.csv", "v1", "e"))
                .isNotEqualTo(ExecutionName.of("orders", "b", "orders/a.csv", "v2", "e"));
    }

    @Test
    void anUnversionedObjectIsIdentifiedByItsEtag() {
        assertThat(ExecutionName.of("orders", "b", "orders/a.csv", null, "e1"))
                .isNotEqualTo(ExecutionName.of("orders", "b", "orders/a.csv", null, "e2"));
    }

    @Test
    void namesFitStepFunctionsLimits() {
        String name = ExecutionName.of("a dataset with a very long name and spaces", "b", "k".repeat(1024), "v", "e");

        assertThat(name).hasSizeLessThanOrEqualTo(ExecutionName.MAX_LENGTH).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void namesStartWithTheDataset() {
        assertThat(ExecutionName.of("orders", "b", "orders/a.csv", "v1", "e")).startsWith("orders-");
    }

    @Test
    void aReplayOfOneRecordAlwaysGetsTheSameName() {
        assertThat(ExecutionName.replay("orders", "orders-abc", "failed/2026/11/22/0123/orders/a.csv.reason.json"))
                .isEqualTo(ExecutionName.replay(
                        "orders", "orders-abc", "failed/2026/11/22/0123/orders/a.csv.reason.json"));
    }

    @Test
    void aReplayOfAReplayThatFailedGetsANewName() {
        String record = "failed/2026/11/22/0123/orders/a.csv.reason.json";
        String first = ExecutionName.replay("orders", "orders-abc", record);

        assertThat(ExecutionName.replay("orders", first, record)).isNotEqualTo(first);
    }

    @Test
    void replayNamesFitStepFunctionsLimitsAndSayTheyAreReplays() {
        String name =
                ExecutionName.replay("a dataset with a very long name and spaces", "x".repeat(80), "k".repeat(1024));

        assertThat(name)
                .hasSizeLessThanOrEqualTo(ExecutionName.MAX_LENGTH)
                .matches("[A-Za-z0-9_-]+")
                .contains("-replay-");
    }
}
