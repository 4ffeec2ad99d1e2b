package dev.sparkpipeline.core.dataset;

import dev.sparkpipeline.core.contract.Engine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a deploy's template parameters must hold for the engines the datasets can reach: a dataset
 * that can route to EMR (on EC2, by steps or through Livy) starts transient clusters, and RunJobFlow refuses one without a
 * subnet, so its file would fail only once it lands.
 */
public final class DeployRequirements {

    /** The template parameter each engine needs non-empty; an engine absent here needs none. */
    private static final Map<Engine, String> REQUIRED_PARAMETER =
            Map.of(Engine.EMR, "EmrSubnetId", Engine.EMR_LIVY, "EmrSubnetId");

    private DeployRequirements() {}

    /**
     * A dataset that can reach an engine whose parameter is empty.
     *
     * @param dataset      the dataset's name
     * @param engine       the engine it can reach
     * @param smallestFile the smallest accepted file that runs there, in bytes
     * @param parameter    the template parameter that engine needs
     */
    public record Unmet(String dataset, Engine engine, long smallestFile, String parameter) {}

    /**
     * Every dataset that can reach an engine whose parameter is missing or blank in {@code
     * parameters} (the values the deploy will pass), by dataset name; empty when the deploy can go.
     */
    public static List<Unmet> unmet(DatasetCatalog catalog, Map<String, String> parameters) {
        List<Unmet> unmet = new ArrayList<>();
        for (DatasetSpec dataset : catalog.all()) {
            REQUIRED_PARAMETER.forEach((engine, parameter) -> {
                String value = parameters.get(parameter);
                if (value == null || value.isBlank()) {
                    dataset.smallestFileOn(engine)
                            .ifPresent(size -> unmet.add(new Unmet(dataset.name(), engine, size, parameter)));
                }
            });
        }
        unmet.sort(Comparator.comparing(Unmet::dataset).thenComparing(Unmet::parameter));
        return List.copyOf(unmet);
    }
}
