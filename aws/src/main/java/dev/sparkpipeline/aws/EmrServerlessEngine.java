package dev.sparkpipeline.aws;

import dev.sparkpipeline.aws.priming.CannedResponse;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.dataset.profile.ServerlessProfile;
import dev.sparkpipeline.core.engine.CostEstimator;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.SparkApplication;
import dev.sparkpipeline.core.error.EngineNotReady;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.Application;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.JobRunSummary;
import software.amazon.awssdk.services.emrserverless.model.ResourceUtilization;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.TotalResourceUtilization;

/**
 * {@link JobEngine} on an EMR Serverless application. Submission is idempotent twice over: a job
 * run named after the execution is looked up first (a retry after a lost StartJobRun answer), and
 * StartJobRun carries a {@code clientToken} derived from the execution name (two attempts racing).
 */
public record EmrServerlessEngine(EmrServerlessClient client, EngineSettings settings, Clock clock)
        implements JobEngine {

    /** Recent runs searched for a retried submission (ListJobRuns pages, newest first). */
    private static final int PAGES_SEARCHED = 3;

    @Override
    public EngineDescription description() {
        return EngineDescriptions.EMR_SERVERLESS;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        Optional<JobHandle> earlier = find(request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ensureAccepting(EngineErrors.call(
                "GetApplication",
                () -> client.getApplication(b -> b.applicationId(settings.applicationId()))
                        .application()));
        CurateJobCall call = CurateJobCall.of(request, settings.curatedBucket(), settings.catalog(), settings.upkeep());
        SparkApplication app = settings.application(call);
        Optional<DatasetSpec> dataset =
                settings.datasets().named(request.input().dataset());
        ServerlessProfile profile =
                dataset.map(spec -> spec.profiles().emrServerless()).orElse(ServerlessProfile.DEFAULT);
        // What runs (--class, or --py-files and --archives) and the job's own settings, then the runtime's own
        // Iceberg (emr-7.9.0: 1.7.1-amzn-2) and the stack's Glue catalog, then the dataset's profile (sizing), then
        // the input's own settings: spark-submit keeps the last --conf of a name.
        String parameters = String.join(" ", app.submitOptions()) + " --conf " + EngineSettings.EMR_ICEBERG_JARS + " "
                + settings.catalog().sparkSubmitConf()
                + (profile.sparkSubmitConf().isEmpty() ? "" : " " + profile.sparkSubmitConf())
                + (request.input().job().sparkSubmitParameters() == null
                        ? ""
                        : " " + request.input().job().sparkSubmitParameters());
        String jobRunId = EngineErrors.call(
                "StartJobRun",
                () -> client.startJobRun(b -> b.applicationId(settings.applicationId())
                                .clientToken(clientToken(request.executionName()))
                                .executionRoleArn(settings.jobRoleArn())
                                .name(request.executionName())
                                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint(app.entryPoint())
                                        .entryPointArguments(app.arguments())
                                        .sparkSubmitParameters(parameters)))
                                .configurationOverrides(o -> o.monitoringConfiguration(
                                        m -> m.s3MonitoringConfiguration(s3 -> s3.logUri(logRoot()))
                                                .cloudWatchLoggingConfiguration(cw ->
                                                        cw.enabled(true).logGroupName(settings.serverlessLogGroup()))))
                                .executionTimeoutMinutes(
                                        (long) request.input().job().timeoutMinutes())
                                .applyMutation(b2 -> dataset.ifPresent(spec -> profiled(b2, spec, request)))
                                .tags(Map.of(
                                        "execution",
                                        request.executionName(),
                                        "dataset",
                                        request.input().dataset())))
                        .jobRunId());
        JobRun run = jobRun(settings.applicationId(), jobRunId);
        return JobHandle.of(
                Engine.EMR_SERVERLESS,
                jobRunId,
                settings.applicationId(),
                request.executionName(),
                run.createdAt().getEpochSecond(),
                request.input().job().timeoutMinutes());
    }

    /** The dataset's profile on StartJobRun: its retry policy, and its session policy narrowing the run. */
    private void profiled(StartJobRunRequest.Builder builder, DatasetSpec dataset, JobRequest request) {
        ServerlessProfile profile = dataset.profiles().emrServerless();
        if (profile.hasRetryPolicy()) {
            builder.retryPolicy(r ->
                    r.maxAttempts(profile.maxAttempts()).maxFailedAttemptsPerHour(profile.maxFailedAttemptsPerHour()));
        }
        if (profile.datasetIamPolicy()) {
            // The session policy only narrows the job role (the run gets the intersection): a batch's files are in
            // the landing bucket the role reaches, named here by the dataset's prefix alone.
            String landing =
                    request.input().isBatch() ? "*" : request.input().source().bucket();
            Map<String, Object> policy = ServerlessProfile.datasetPolicy(
                    settings.region(),
                    account(settings.jobRoleArn()),
                    landing,
                    dataset.prefix(),
                    settings.curatedBucket(),
                    settings.artifactsBucket(),
                    settings.glueDatabase(),
                    dataset.name(),
                    dataset.name());
            builder.executionIamPolicy(p -> p.policy(new String(JsonObject.write(policy), StandardCharsets.UTF_8)));
        }
    }

    /** The account of an IAM ARN ({@code arn:aws:iam::123456789012:role/x}), or {@code *}. */
    static String account(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "*";
    }

    @Override
    public Optional<JobHandle> find(JobRequest request) {
        return findRun(request.executionName())
                .map(run -> JobHandle.of(
                        Engine.EMR_SERVERLESS,
                        run.id(),
                        settings.applicationId(),
                        request.executionName(),
                        run.createdAt().getEpochSecond(),
                        request.input().job().timeoutMinutes()));
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        JobRun run = jobRun(handle.containerId(), handle.jobId());
        Map<String, String> links = new LinkedHashMap<>();
        links.put(
                "driverLogs",
                logRoot() + "applications/" + handle.containerId() + "/jobs/" + handle.jobId() + "/SPARK_DRIVER/");
        links.put("cloudWatchLogs", settings.serverlessLogGroup());
        links.put(
                "console",
                "https://" + settings.region() + ".console.aws.amazon.com/emr/home?region=" + settings.region()
                        + "#/serverless-applications/" + handle.containerId());
        dashboard(handle).ifPresent(url -> links.put("sparkUi", url));
        boolean failed = run.state() == JobRunState.FAILED || run.state() == JobRunState.CANCELLED;
        return new EngineObservation(
                run.stateAsString(),
                failed ? run.stateDetails() : null,
                links,
                usage(run),
                run.startedAt() == null ? null : run.startedAt().getEpochSecond());
    }

    @Override
    public void cancel(JobHandle handle) {
        JobRun run = jobRun(handle.containerId(), handle.jobId());
        if (description().terminalStates().contains(run.stateAsString())) {
            return;
        }
        EngineErrors.run(
                "CancelJobRun",
                () -> client.cancelJobRun(
                        b -> b.applicationId(handle.containerId()).jobRunId(handle.jobId())));
    }

    /** CREATED and STOPPED take jobs only with auto-start; a changing application takes none yet. */
    private void ensureAccepting(Application application) {
        switch (application.state()) {
            case STARTED -> {}
            case CREATED, STOPPED -> {
                boolean autoStart = application.autoStartConfiguration() != null
                        && Boolean.TRUE.equals(
                                application.autoStartConfiguration().enabled());
                if (!autoStart) {
                    EngineErrors.run(
                            "StartApplication",
                            () -> client.startApplication(b -> b.applicationId(application.applicationId())));
                    throw new EngineNotReady("application " + application.applicationId() + " was "
                            + application.state() + " without auto-start; it is starting now");
                }
            }
            case CREATING, STARTING, STOPPING ->
                throw new EngineNotReady("application " + application.applicationId() + " is " + application.state());
            default ->
                throw new NotFound("application " + application.applicationId() + " is " + application.stateAsString());
        }
    }

    /** A run an earlier attempt started: runs are named after the execution; retries come within a day. */
    private Optional<JobRunSummary> findRun(String name) {
        Instant since = clock.instant().minus(Duration.ofDays(1));
        try {
            return EngineErrors.call(
                    "ListJobRuns",
                    () ->
                            client
                                    .listJobRunsPaginator(b -> b.applicationId(settings.applicationId())
                                            .createdAtAfter(since))
                                    .stream()
                                    .limit(PAGES_SEARCHED)
                                    .flatMap(page -> page.jobRuns().stream())
                                    .filter(run -> name.equals(run.name()))
                                    .findFirst());
        } catch (NotFound noRunsYet) {
            // Some emulators answer so for an application without runs; a missing application
            // is reported by the GetApplication that follows.
            return Optional.empty();
        }
    }

    private JobRun jobRun(String applicationId, String jobRunId) {
        return EngineErrors.call(
                "GetJobRun",
                () -> client.getJobRun(b -> b.applicationId(applicationId).jobRunId(jobRunId))
                        .jobRun());
    }

    /** The live Spark UI (or history server) link; a failure here never fails tracking. */
    private Optional<String> dashboard(JobHandle handle) {
        try {
            return Optional.ofNullable(client.getDashboardForJobRun(
                            b -> b.applicationId(handle.containerId()).jobRunId(handle.jobId()))
                    .url());
        } catch (SdkException unavailable) {
            return Optional.empty();
        }
    }

    /** Billed utilization once the run ended, total utilization while it runs. */
    private static Map<String, Double> usage(JobRun run) {
        Map<String, Double> usage = new LinkedHashMap<>();
        if (run.billedResourceUtilization() != null) {
            ResourceUtilization billed = run.billedResourceUtilization();
            putIfPresent(usage, CostEstimator.VCPU_HOURS, billed.vcpuHour());
            putIfPresent(usage, CostEstimator.GB_HOURS, billed.memoryGBHour());
            putIfPresent(usage, CostEstimator.STORAGE_GB_HOURS, billed.storageGBHour());
        } else if (run.totalResourceUtilization() != null) {
            TotalResourceUtilization total = run.totalResourceUtilization();
            putIfPresent(usage, CostEstimator.VCPU_HOURS, total.vcpuHour());
            putIfPresent(usage, CostEstimator.GB_HOURS, total.memoryGBHour());
            putIfPresent(usage, CostEstimator.STORAGE_GB_HOURS, total.storageGBHour());
        }
        return usage;
    }

    private static void putIfPresent(Map<String, Double> usage, String unit, Double value) {
        if (value != null) {
            usage.put(unit, value);
        }
    }

    private String logRoot() {
        return "s3://" + settings.artifactsBucket() + "/logs/emr-serverless/";
    }

    /** StartJobRun's clientToken is at most 64 characters: the SHA-256 of the execution name. */
    static String clientToken(String executionName) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(executionName.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * What EMR Serverless answers for an application that accepts jobs and a job in {@code state}
     * on it: GetJobRun, ListJobRuns (no earlier run), StartJobRun, GetApplication. For SnapStart
     * warm-ups ({@link CannedResponse}); the first match wins, so the longer paths come first.
     */
    public static List<CannedResponse> cannedAnswers(String state) {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        String arn = "arn:aws:emr-serverless:us-east-1:000000000000:/applications/snapstart-priming";
        return List.of(
                CannedResponse.rest("GET", "/jobruns/", 200, json, """
                        {"jobRun": {"applicationId": "snapstart-priming", "jobRunId": "snapstart-priming", "name": "snapstart-priming",
                         "arn": "%1$s/jobruns/snapstart-priming", "createdBy": "snapstart-priming", "createdAt": 1767225600,
                         "updatedAt": 1767225660, "executionRole": "arn:aws:iam::000000000000:role/snapstart-priming",
                         "state": "%2$s", "stateDetails": "", "releaseLabel": "emr-7.5.0",
                         "jobDriver": {"sparkSubmit": {"entryPoint": "s3://snapstart-priming/curate-job.jar"}},
                         "totalResourceUtilization": {"vCPUHour": 0.1, "memoryGBHour": 0.4, "storageGBHour": 0.1},
                         "totalExecutionDurationSeconds": 60}}""".formatted(arn, state)),
                CannedResponse.rest("GET", "/jobruns", 200, json, "{\"jobRuns\": []}"),
                CannedResponse.rest("POST", "/jobruns", 200, json, """
                        {"applicationId": "snapstart-priming", "jobRunId": "snapstart-priming", "arn": "%1$s/jobruns/snapstart-priming"}""".formatted(arn)),
                CannedResponse.rest("GET", "/applications/", 200, json, """
                        {"application": {"applicationId": "snapstart-priming", "name": "snapstart-priming", "arn": "%1$s",
                         "releaseLabel": "emr-7.5.0", "type": "Spark", "state": "STARTED", "createdAt": 1767225600,
                         "updatedAt": 1767225600}}""".formatted(arn)));
    }
}
