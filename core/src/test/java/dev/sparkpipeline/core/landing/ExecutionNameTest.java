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
}
