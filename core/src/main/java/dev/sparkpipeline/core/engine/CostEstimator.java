package dev.sparkpipeline.core.engine;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Estimated cost of a job from its resource usage, at the prices of its engine's description
 * ({@link EngineDescriptions}). An estimate for comparing runs, not a bill.
 */
public final class CostEstimator {

    /** EMR Serverless vCPU-hours (x86). */
    public static final String VCPU_HOURS = "vCPU-hours";
    /** EMR Serverless memory GB-hours. */
    public static final String GB_HOURS = "GB-hours";
    /** EMR Serverless ephemeral storage GB-hours beyond the free 20 GB per worker. */
    public static final String STORAGE_GB_HOURS = "storage-GB-hours";
    /** Glue DPU-hours (standard execution class). */
    public static final String DPU_HOURS = "DPU-hours";
    /** Glue DPU-hours in the FLEX execution class. */
    public static final String FLEX_DPU_HOURS = "flex-DPU-hours";
    /** EMR normalized instance hours (an xlarge instance-hour is 8). */
    public static final String NORMALIZED_INSTANCE_HOURS = "normalized-instance-hours";

    /** Every known engine's prices, for an estimate's basis: no two engines bill in the same unit at two prices. */
    private static final Map<String, Double> USD_PER_UNIT = EngineDescriptions.KNOWN.stream()
            .flatMap(description -> description.usdPerUnit().entrySet().stream())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (one, same) -> one));

    /** What the prices are, for people reading an estimate. */
    public static final String PRICES = "on-demand us-east-1 list prices, checked 2026-11: an estimate, not a bill";

    /**
     * EMR hours are priced on demand; a dataset's cluster may run Spot capacity ({@code profiles.emr}
     * fleets), whose price is the market's and not known here: for it the figure is an upper bound.
     */
    static final String SPOT_NOTE = " (on-demand upper bound where the cluster has Spot capacity)";

    private CostEstimator() {}

    /**
     * How an estimate is made from {@code usage}, for people: each unit's amount times its price
     * ({@code 0.004 vCPU-hours x 0.052624 USD}), joined by {@code +}; a unit without a price says so.
     */
    public static String basis(Map<String, Double> usage) {
        return usage.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> USD_PER_UNIT.containsKey(entry.getKey())
                        ? String.format(
                                        Locale.ROOT,
                                        "%.6f %s x %s USD",
                                        entry.getValue(),
                                        entry.getKey(),
                                        BigDecimal.valueOf(USD_PER_UNIT.get(entry.getKey()))
                                                .toPlainString())
                                + (entry.getKey().equals(NORMALIZED_INSTANCE_HOURS) ? SPOT_NOTE : "")
                        : String.format(Locale.ROOT, "%.6f %s (no price)", entry.getValue(), entry.getKey()))
                .collect(Collectors.joining(" + "));
    }

    /** The estimate in USD at the known engines' prices, or null when there is no usage to price. */
    public static Double estimate(Map<String, Double> usage) {
        return estimate(usage, USD_PER_UNIT);
    }

    /** The estimate in USD at these prices (a unit without one costs nothing), or null when there is no usage. */
    public static Double estimate(Map<String, Double> usage, Map<String, Double> usdPerUnit) {
        if (usage.isEmpty()) {
            return null;
        }
        double total = 0;
        for (var entry : usage.entrySet()) {
            total += entry.getValue() * usdPerUnit.getOrDefault(entry.getKey(), 0.0);
        }
        return Math.round(total * 1_000_000) / 1_000_000.0;
    }
}
