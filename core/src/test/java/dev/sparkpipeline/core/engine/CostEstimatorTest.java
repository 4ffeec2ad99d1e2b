package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's estimated cost, and the basis people are shown for it. */
class CostEstimatorTest {

    @Test
    void anEmrServerlessRunIsPricedPerVcpuHourAndPerGbHour() {
        assertThat(CostEstimator.estimate(Map.of(CostEstimator.VCPU_HOURS, 1.0, CostEstimator.GB_HOURS, 4.0)))
                .isEqualTo(0.052624 + 4 * 0.0057785, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void noUsageIsNoEstimateRatherThanZero() {
        assertThat(CostEstimator.estimate(Map.of())).isNull();
    }

    @Test
    void theBasisNamesEachUnitsAmountAndPrice() {
        assertThat(CostEstimator.basis(Map.of(CostEstimator.GB_HOURS, 0.5, CostEstimator.VCPU_HOURS, 0.125)))
                .isEqualTo("0.500000 GB-hours x 0.0057785 USD + 0.125000 vCPU-hours x 0.052624 USD");
    }

    @Test
    void aUnitWithoutAPriceIsSaidToHaveNone() {
        assertThat(CostEstimator.basis(Map.of("GPU-hours", 2.0))).isEqualTo("2.000000 GPU-hours (no price)");
    }

    @Test
    void emrHoursArePricedOnDemandAnUpperBoundForSpotCapacity() {
        assertThat(CostEstimator.basis(Map.of(CostEstimator.NORMALIZED_INSTANCE_HOURS, 8.0)))
                .isEqualTo("8.000000 normalized-instance-hours x 0.03 USD"
                        + " (on-demand upper bound where the cluster has Spot capacity)");
    }
}
