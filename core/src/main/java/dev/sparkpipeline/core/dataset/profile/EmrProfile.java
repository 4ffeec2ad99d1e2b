package dev.sparkpipeline.core.dataset.profile;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A dataset's transient EMR cluster: its instance fleets, managed scaling limits, bootstrap
 * actions, configurations, idle auto-termination and step concurrency. The stack keeps what it
 * owns (roles, subnet, log URI, release label, tags); {@link EmrClusterRequest} writes the rest.
 *
 * @param fleets               the primary, core and (optional) task fleets
 * @param scaling              managed scaling limits in instance fleet units, or null: a fixed size
 * @param bootstrapActions     scripts run on every node before applications start
 * @param configurations       classifications ({@code spark-defaults} ...) added to the pipeline's
 *                             {@code iceberg-defaults}
 * @param idleTimeoutSeconds   idle time after which EMR terminates the cluster itself (60 to 604,800)
 * @param stepConcurrencyLevel steps the cluster runs at once (1 to 256)
 * @param ebsRootVolumeSizeGb  each instance's root volume in GiB, or null: EMR's default
 */
public record EmrProfile(
        List<InstanceFleet> fleets,
        ManagedScaling scaling,
        List<BootstrapAction> bootstrapActions,
        List<Classification> configurations,
        int idleTimeoutSeconds,
        int stepConcurrencyLevel,
        Integer ebsRootVolumeSizeGb)
        implements Serializable {

    /** The cluster of a dataset without an EMR profile: one m5.xlarge primary, two m5.xlarge cores. */
    public static final EmrProfile DEFAULT = new EmrProfile(
            List.of(
                    new InstanceFleet(
                            InstanceFleet.Role.MASTER,
                            List.of(new InstanceFleet.InstanceType("m5.xlarge", 1, List.of())),
                            1,
                            0,
                            InstanceFleet.DEFAULT_SPOT_TIMEOUT_MINUTES),
                    new InstanceFleet(
                            InstanceFleet.Role.CORE,
                            List.of(new InstanceFleet.InstanceType("m5.xlarge", 1, List.of())),
                            2,
                            0,
                            InstanceFleet.DEFAULT_SPOT_TIMEOUT_MINUTES)),
            null,
            List.of(),
            List.of(),
            3600,
            1,
            null);

    public EmrProfile {
        fleets = List.copyOf(fleets);
        bootstrapActions = List.copyOf(bootstrapActions);
        configurations = List.copyOf(configurations);
    }

    /** Whether some capacity may be Spot, whose price is not known in advance. */
    public boolean usesSpot() {
        return fleets.stream().anyMatch(InstanceFleet::usesSpot);
    }

    /**
     * Managed scaling's compute limits ({@code UnitType: InstanceFleetUnits}).
     *
     * @param minimumUnits         the fewest capacity units
     * @param maximumUnits         the most capacity units
     * @param maximumOnDemandUnits the most on-demand units (the rest Spot), or null: up to {@code maximumUnits}
     * @param maximumCoreUnits     the most units in the core fleet (the rest task), or null: up to {@code maximumUnits}
     */
    public record ManagedScaling(
            int minimumUnits, int maximumUnits, Integer maximumOnDemandUnits, Integer maximumCoreUnits)
            implements Serializable {}

    /**
     * A bootstrap action.
     *
     * @param name its name
     * @param path the script's S3 URI
     * @param args its arguments
     */
    public record BootstrapAction(String name, String path, List<String> args) implements Serializable {
        public BootstrapAction {
            args = List.copyOf(args);
        }
    }

    /**
     * An EMR configuration classification.
     *
     * @param classification {@code spark-defaults}, {@code spark-env} ...
     * @param properties     its properties
     */
    public record Classification(String classification, Map<String, String> properties) implements Serializable {
        public Classification {
            properties = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(properties));
        }
    }
}
