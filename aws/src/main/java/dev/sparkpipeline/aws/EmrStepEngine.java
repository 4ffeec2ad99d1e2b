package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.SparkApplication;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.CancelStepsInfo;
import software.amazon.awssdk.services.emr.model.CancelStepsRequestStatus;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepCancellationOption;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * {@link JobEngine} on an EMR cluster: the job is a {@code command-runner.jar spark-submit} step
 * named after the run id ({@code ActionOnFailure: CONTINUE}, so a failed step never takes a
 * shared cluster down). Steps may be added while the cluster is still STARTING or BOOTSTRAPPING.
 * A retried submission finds the step by its name. A cluster holding its limit of active steps
 * refuses the job for capacity ({@link ConcurrentRunsExceeded}): the state machine waits and
 * submits again.
 */
public record EmrStepEngine(EmrClient client, EngineSettings settings, Clock clock) implements JobEngine {

    /** Steps that count against the cluster's limit (Management Guide, "Submit work to a cluster"). */
    private static final List<StepState> ACTIVE =
            List.of(StepState.PENDING, StepState.RUNNING, StepState.CANCEL_PENDING);
    /** "You can have up to 256 PENDING and RUNNING steps in a cluster" (Management Guide, "Submit work to a cluster"). */
    static final int ACTIVE_STEP_LIMIT = 256;

    @Override
    public EngineDescription description() {
        return EngineDescriptions.EMR;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        String clusterId = request.clusterId();
        if (clusterId == null || clusterId.isBlank()) {
            throw new InvalidJobConfig(
                    "an EMR job needs a cluster: job.clusterId, or a transient cluster from the state machine");
        }
        Optional<StepSummary> earlier = findStep(clusterId, request.executionName());
        String stepId = earlier.map(StepSummary::id).orElseGet(() -> addStep(clusterId, request));
        long submittedAt = earlier.map(
                        step -> step.status().timeline().creationDateTime().getEpochSecond())
                .orElse(clock.instant().getEpochSecond());
        return JobHandle.of(
                Engine.EMR,
                stepId,
                clusterId,
                request.executionName(),
                submittedAt,
                request.input().job().timeoutMinutes());
    }

    /** A step on the request's cluster; a transient cluster's steps end with the cluster, which the reaper terminates. */
    @Override
    public Optional<JobHandle> find(JobRequest request) {
        String clusterId = request.clusterId();
        if (clusterId == null || clusterId.isBlank()) {
            return Optional.empty();
        }
        return findStep(clusterId, request.executionName())
                .map(step -> JobHandle.of(
                        Engine.EMR,
                        step.id(),
                        clusterId,
                        request.executionName(),
                        step.status().timeline().creationDateTime().getEpochSecond(),
                        request.input().job().timeoutMinutes()));
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        Step step = EngineErrors.call(
                "DescribeStep",
                () -> client.describeStep(b -> b.clusterId(handle.containerId()).stepId(handle.jobId()))
                        .step());
        Cluster cluster = EngineErrors.call(
                "DescribeCluster",
                () -> client.describeCluster(b -> b.clusterId(handle.containerId()))
                        .cluster());
        Map<String, String> links = new LinkedHashMap<>();
        if (cluster.logUri() != null) {
            String logUri = cluster.logUri().replaceFirst("^s3n://", "s3://");
            links.put(
                    "stepLogs",
                    logUri + (logUri.endsWith("/") ? "" : "/") + handle.containerId() + "/steps/" + handle.jobId()
                            + "/");
        }
        links.put("console", EmrClusterFacts.console(settings.region(), handle.containerId()));
        Map<String, Double> usage = EmrClusterFacts.usage(cluster);
        StepState state = step.status().state();
        if (!description().terminalStates().contains(step.status().stateAsString())
                && EmrClusterFacts.ENDING.contains(cluster.status().state())) {
            String why = cluster.status().stateChangeReason() == null
                    ? null
                    : cluster.status().stateChangeReason().message();
            return new EngineObservation(
                    "CLUSTER_" + cluster.status().stateAsString(),
                    "cluster " + handle.containerId() + " is "
                            + cluster.status().stateAsString() + " while the step was " + state
                            + (why == null ? "" : ": " + why),
                    links,
                    usage);
        }
        String reason = null;
        if (state == StepState.FAILED || state == StepState.CANCELLED || state == StepState.INTERRUPTED) {
            var details = step.status().failureDetails();
            reason = details == null ? null : String.join(": ", nonNull(details.reason(), details.message()));
            if (details != null && details.logFile() != null) {
                links.put("failureLog", details.logFile());
            }
        }
        var timeline = step.status().timeline();
        Long startedAt = timeline == null || timeline.startDateTime() == null
                ? null
                : timeline.startDateTime().getEpochSecond();
        return new EngineObservation(step.status().stateAsString(), reason, links, usage, startedAt);
    }

    @Override
    public void cancel(JobHandle handle) {
        Step step = EngineErrors.call(
                "DescribeStep",
                () -> client.describeStep(b -> b.clusterId(handle.containerId()).stepId(handle.jobId()))
                        .step());
        if (description().terminalStates().contains(step.status().stateAsString())) {
            return;
        }
        List<CancelStepsInfo> answers = EngineErrors.call(
                "CancelSteps",
                () -> client.cancelSteps(b -> b.clusterId(handle.containerId())
                                .stepIds(handle.jobId())
                                .stepCancellationOption(StepCancellationOption.TERMINATE_PROCESS))
                        .cancelStepsInfoList());
        answers.stream()
                .filter(info -> info.status() == CancelStepsRequestStatus.FAILED)
                .findFirst()
                .ifPresent(info -> {
                    throw new InvalidJobConfig(
                            "CancelSteps refused to cancel step " + handle.jobId() + ": " + info.reason());
                });
    }

    private String addStep(String clusterId, JobRequest request) {
        CurateJobCall call = CurateJobCall.of(request, settings.curatedBucket(), settings.catalog(), settings.upkeep());
        SparkApplication app = settings.application(call);
        List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster"));
        // What runs (--class, or --py-files and --archives) and the job's own settings.
        args.addAll(app.submitOptions());
        // The cluster's Iceberg (the iceberg-defaults classification puts it on Spark's class path) and the Glue
        // catalog.
        settings.catalog().sparkConf().forEach((name, value) -> args.addAll(List.of("--conf", name + "=" + value)));
        String extra = request.input().job().sparkSubmitParameters();
        if (extra != null && !extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        args.add(app.entryPoint());
        args.addAll(app.arguments());
        StepConfig step = StepConfig.builder()
                .name(request.executionName())
                .actionOnFailure(ActionOnFailure.CONTINUE)
                .hadoopJarStep(j -> j.jar("command-runner.jar").args(args))
                .build();
        refuseIfFull(clusterId);
        try {
            return EngineErrors.call(
                    "AddJobFlowSteps",
                    () -> client.addJobFlowSteps(b -> b.jobFlowId(clusterId).steps(step))
                            .stepIds()
                            .get(0));
        } catch (InvalidJobConfig refused) {
            // Steps submitted meanwhile may have filled the cluster (EMR answers a ValidationException); the
            // count, not the message's wording, tells a full cluster from a bad request.
            refuseIfFull(clusterId);
            throw refused;
        }
    }

    /** Refuses a submission for capacity while the cluster holds its limit of active steps. */
    private void refuseIfFull(String clusterId) {
        int active = activeSteps(clusterId);
        if (active >= ACTIVE_STEP_LIMIT) {
            throw new ConcurrentRunsExceeded("cluster " + clusterId + " has " + active
                    + " active steps, EMR's limit of " + ACTIVE_STEP_LIMIT + ": the job waits for one to end");
        }
    }

    /** The cluster's PENDING, RUNNING and CANCEL_PENDING steps, counted up to the limit (ListSteps pages of 50). */
    private int activeSteps(String clusterId) {
        return EngineErrors.call(
                "ListSteps", () -> (int)
                        client.listStepsPaginator(b -> b.clusterId(clusterId).stepStates(ACTIVE)).steps().stream()
                                .limit(ACTIVE_STEP_LIMIT)
                                .count());
    }

    /** The step an earlier attempt of this submission added, if any (pages are fetched until it is found). */
    private Optional<StepSummary> findStep(String clusterId, String name) {
        return EngineErrors.call(
                "ListSteps",
                () -> client.listStepsPaginator(b -> b.clusterId(clusterId)).steps().stream()
                        .filter(step -> name.equals(step.name()))
                        .findFirst());
    }

    private static List<String> nonNull(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return present;
    }
}
