package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.engine.ExecutionClusters;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;

/**
 * Terminates the live EMR clusters an execution created, found by the name the state machine
 * gives them ({@code <stack>-<execution name>}, CreateCluster's {@code Name}). ListClusters
 * answers names without reading any cluster, so clusters of other stacks in the account, which
 * this function may not describe, are never touched; the template lets it terminate only
 * clusters tagged with its stack, so a foreign cluster that happened to bear the name is refused
 * by IAM, not by this code's goodwill.
 *
 * @param stackName the stack whose state machine names the clusters
 */
public record ClusterReaper(EmrClient emr, String stackName) implements ExecutionClusters {

    private static final List<ClusterState> LIVE =
            List.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING, ClusterState.RUNNING, ClusterState.WAITING);

    @Override
    public List<String> terminate(String executionName) {
        String name = stackName + "-" + executionName;
        List<String> terminated = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            var page = EngineErrors.call(
                    "ListClusters",
                    () -> emr.listClusters(b -> b.clusterStates(LIVE).marker(current)));
            for (ClusterSummary summary : page.clusters()) {
                if (name.equals(summary.name())) {
                    EngineErrors.run("TerminateJobFlows", () -> emr.terminateJobFlows(b -> b.jobFlowIds(summary.id())));
                    terminated.add(summary.id());
                }
            }
            marker = page.marker();
        } while (marker != null);
        return terminated;
    }
}
