package dev.sparkpipeline.core.dataset.profile;

import java.io.Serializable;
import java.util.List;

/**
 * One instance fleet of a transient EMR cluster: the instance types EMR may launch, the capacity
 * it targets on demand and on Spot, and, for Spot, how long it waits before falling back to on
 * demand ({@code TimeoutAction: SWITCH_TO_ON_DEMAND}).
 *
 * @param role               MASTER, CORE or TASK
 * @param instanceTypes      1 to 30 instance types, each with its weight (capacity units) and EBS volumes
 * @param onDemandCapacity   target on-demand capacity units
 * @param spotCapacity       target Spot capacity units
 * @param spotTimeoutMinutes minutes EMR waits for Spot capacity before switching to on demand (5 to 1440)
 */
public record InstanceFleet(
        Role role, List<InstanceType> instanceTypes, int onDemandCapacity, int spotCapacity, int spotTimeoutMinutes)
        implements Serializable {

    /** Spot's default wait before switching to on demand. */
    public static final int DEFAULT_SPOT_TIMEOUT_MINUTES = 10;

    public InstanceFleet {
        instanceTypes = List.copyOf(instanceTypes);
    }

    /** EMR's fleet types, as the config names them. */
    public enum Role {
        MASTER("primary"),
        CORE("core"),
        TASK("task");

        private final String configName;

        Role(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    /**
     * One instance type of a fleet.
     *
     * @param type   {@code m5.xlarge}
     * @param weight the capacity units one instance counts for (WeightedCapacity)
     * @param ebs    EBS volumes attached to each instance of this type
     */
    public record InstanceType(String type, int weight, List<EbsVolume> ebs) implements Serializable {
        public InstanceType {
            ebs = List.copyOf(ebs);
        }
    }

    /**
     * EBS volumes of one kind on each instance.
     *
     * @param volumeType  gp3, gp2, io1, st1, sc1 or standard
     * @param sizeGb      each volume's size in GiB
     * @param count       volumes per instance
     */
    public record EbsVolume(String volumeType, int sizeGb, int count) implements Serializable {}

    /** Whether this fleet asks for Spot capacity. */
    public boolean usesSpot() {
        return spotCapacity > 0;
    }
}
