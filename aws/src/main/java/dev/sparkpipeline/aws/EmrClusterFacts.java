package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.engine.CostEstimator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * What the engines on an EMR cluster (steps, and Livy) read alike from DescribeCluster: whether it
 * is ending, what it has used, and where its console page is.
 */
public final class EmrClusterFacts {

    /** A cluster in these states runs no more jobs. */
    public static final Set<ClusterState> ENDING =
            Set.of(ClusterState.TERMINATING, ClusterState.TERMINATED, ClusterState.TERMINATED_WITH_ERRORS);

    private EmrClusterFacts() {}

    /** The cluster's normalized instance hours so far, the unit EMR bills in; none before EMR reports them. */
    public static Map<String, Double> usage(Cluster cluster) {
        return cluster.normalizedInstanceHours() == null
                ? Map.of()
                : Map.of(
                        CostEstimator.NORMALIZED_INSTANCE_HOURS,
                        cluster.normalizedInstanceHours().doubleValue());
    }

    /** The cluster's page in the EMR console. */
    public static String console(String region, String clusterId) {
        return "https://" + region + ".console.aws.amazon.com/emr/home?region=" + region + "#/clusterDetails/"
                + clusterId;
    }

    /** Why the cluster is ending, as {@code ": reason"}, or nothing when EMR gives none. */
    public static String endingReason(Cluster cluster) {
        return cluster.status().stateChangeReason() == null
                        || cluster.status().stateChangeReason().message() == null
                ? ""
                : ": " + cluster.status().stateChangeReason().message();
    }
}
