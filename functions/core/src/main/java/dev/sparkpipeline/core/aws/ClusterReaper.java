package dev.sparkpipeline.core.aws;

import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Terminates every live EMR cluster tagged with an execution's name: the backstop for executions
 * that ended without running their Catch (aborted, timed out), which cannot terminate their own
 * transient cluster.
 */
public final class ClusterReaper {

    private static final List<ClusterState> LIVE = List.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING,
            ClusterState.RUNNING, ClusterState.WAITING);

    private final EmrClient emr;

    public ClusterReaper(EmrClient emr) {
        this.emr = emr;
    }

    /** The ids of the clusters it terminated (none when the execution had none left). */
    public List<String> reap(String executionName) {
        List<String> terminated = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            var page = EngineErrors.call("ListClusters", () -> emr.listClusters(b -> b.clusterStates(LIVE).marker(current)));
            for (ClusterSummary summary : page.clusters()) {
                var tags = EngineErrors.call("DescribeCluster", () -> emr.describeCluster(b -> b.clusterId(summary.id())).cluster().tags());
                if (tags.stream().anyMatch(tag -> isExecution(tag, executionName))) {
                    EngineErrors.run("TerminateJobFlows", () -> emr.terminateJobFlows(b -> b.jobFlowIds(summary.id())));
                    terminated.add(summary.id());
                }
            }
            marker = page.marker();
        } while (marker != null);
        return terminated;
    }

    private static boolean isExecution(Tag tag, String executionName) {
        return "execution".equals(tag.key()) && executionName.equals(tag.value());
    }
}
