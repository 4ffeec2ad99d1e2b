package dev.sparkpipeline.aws.livy;

import dev.sparkpipeline.aws.EmrClusterFacts;
import dev.sparkpipeline.aws.EngineErrors;
import dev.sparkpipeline.aws.EngineSettings;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.engine.SparkApplication;
import dev.sparkpipeline.core.error.EngineNotReady;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.JobLost;
import dev.sparkpipeline.core.error.NotFound;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * {@link JobEngine} through Apache Livy on an EMR cluster: the job (the curate job or the dataset's own) is a
 * Livy batch named after the execution, posted to the primary node's Livy ({@code http://<primary>:8998}, the address from
 * DescribeCluster). The handle keeps the batch id, the cluster and the name; every look verifies
 * the batch at that id carries the name, and finds it by name when a Livy restarted without
 * recovery gave the id to another job, or reports {@link JobLost} with the reason when Livy holds
 * it no more. A retried submission finds its batch by name.
 *
 * @param emr    the EMR client: the cluster's state and primary node
 * @param livyAt Livy's batches at an address ({@link #LIVY_PORT} on the primary node in the cloud; a stub in tests)
 */
public record LivyEngine(EmrClient emr, EngineSettings settings, Clock clock, Function<URI, LivyBatches> livyAt)
        implements JobEngine {

    /** Livy's port on an EMR primary node (EMR Release Guide, "Apache Livy"). */
    public static final int LIVY_PORT = 8998;

    private static final Set<ClusterState> SERVING = Set.of(ClusterState.WAITING, ClusterState.RUNNING);

    /** The engine on Livy's own REST API at each cluster's primary node. */
    public LivyEngine(EmrClient emr, EngineSettings settings, Clock clock) {
        this(emr, settings, clock, endpoint -> new LivyBatches(LivyClient.to(endpoint)));
    }

    @Override
    public EngineDescription description() {
        return EngineDescriptions.EMR_LIVY;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        String clusterId = clusterOf(request);
        Cluster cluster = cluster(clusterId);
        if (EmrClusterFacts.ENDING.contains(cluster.status().state())) {
            throw new NotFound("cluster " + clusterId + " is "
                    + cluster.status().stateAsString() + ": its Livy takes no more batches");
        }
        if (!SERVING.contains(cluster.status().state())) {
            throw new EngineNotReady("cluster " + clusterId + " is "
                    + cluster.status().stateAsString() + ": Livy answers once it is WAITING or RUNNING");
        }
        CurateJobCall call = CurateJobCall.of(request, settings.curatedBucket(), settings.catalog(), settings.upkeep());
        SparkApplication app = settings.application(call);
        LivyBatchRef ref =
                livy(cluster).submit(LivyBatchRequest.of(app, settings.catalog().sparkConf(), request.executionName()));
        return handle(ref, clusterId, request);
    }

    @Override
    public Optional<JobHandle> find(JobRequest request) {
        String clusterId = request.clusterId();
        if (clusterId == null || clusterId.isBlank()) {
            return Optional.empty();
        }
        Cluster cluster = cluster(clusterId);
        if (!SERVING.contains(cluster.status().state())) {
            // A cluster that is not serving has no Livy to ask: the reconciler terminates a transient one.
            return Optional.empty();
        }
        return livy(cluster)
                .find(request.executionName())
                .map(batch -> handle(LivyBatchRef.of(batch), clusterId, request));
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        Cluster cluster = cluster(handle.containerId());
        Map<String, String> links = new LinkedHashMap<>();
        links.put("console", EmrClusterFacts.console(settings.region(), handle.containerId()));
        Map<String, Double> usage = EmrClusterFacts.usage(cluster);
        if (EmrClusterFacts.ENDING.contains(cluster.status().state())) {
            String why = EmrClusterFacts.endingReason(cluster);
            return new EngineObservation(
                    description().reportedAs(NormalisedState.FAILED),
                    "cluster " + handle.containerId() + " is "
                            + cluster.status().stateAsString() + " under Livy batch " + handle.jobId() + why,
                    links,
                    usage);
        }
        LivySighting seen = livy(cluster).observe(ref(handle));
        EngineObservation livy = seen.observation();
        links.putAll(livy.links());
        return new EngineObservation(livy.rawState(), livy.failureReason(), links, usage);
    }

    @Override
    public void cancel(JobHandle handle) {
        Cluster cluster = cluster(handle.containerId());
        if (!SERVING.contains(cluster.status().state())) {
            // Its batches end with the cluster.
            return;
        }
        livy(cluster).cancel(ref(handle));
    }

    private JobHandle handle(LivyBatchRef ref, String clusterId, JobRequest request) {
        return JobHandle.of(
                EngineDescriptions.EMR_LIVY.engine(),
                Integer.toString(ref.id()),
                clusterId,
                request.executionName(),
                clock.instant().getEpochSecond(),
                request.input().job().timeoutMinutes());
    }

    /** The handle's batch: its id and the name it was submitted with (the execution's). */
    private static LivyBatchRef ref(JobHandle handle) {
        try {
            return new LivyBatchRef(Integer.parseInt(handle.jobId()), handle.runId(), null);
        } catch (NumberFormatException e) {
            throw new JobLost("handle.jobId " + handle.jobId() + " is not a Livy batch id");
        }
    }

    private static String clusterOf(JobRequest request) {
        String clusterId = request.clusterId();
        if (clusterId == null || clusterId.isBlank()) {
            throw new InvalidJobConfig(
                    "an EMR_LIVY job needs a cluster: job.clusterId, or a transient cluster from the state machine");
        }
        return clusterId;
    }

    private Cluster cluster(String clusterId) {
        return EngineErrors.call(
                "DescribeCluster",
                () -> emr.describeCluster(b -> b.clusterId(clusterId)).cluster());
    }

    /** Livy on the cluster's primary node. */
    private LivyBatches livy(Cluster cluster) {
        String primary = cluster.masterPublicDnsName();
        if (primary == null || primary.isBlank()) {
            throw new EngineNotReady("cluster " + cluster.id() + " has no primary node address yet");
        }
        return livyAt.apply(URI.create("http://" + primary + ":" + LIVY_PORT));
    }
}
