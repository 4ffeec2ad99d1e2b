package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.profile.GlueProfile;
import dev.sparkpipeline.core.engine.CostEstimator;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.SparkApplication;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ExecutionClass;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * {@link JobEngine} on the pipeline's Glue job. Glue has no idempotency token, so submit first
 * looks among the job's recent runs for one carrying the same {@code --run-id} and returns it
 * instead of starting another.
 */
public record GlueEngine(GlueClient client, EngineSettings settings, Clock clock) implements JobEngine {

    /** Recent runs searched for a retried submission: GetJobRuns pages of 200, newest first. */
    private static final int PAGES_SEARCHED = 3;

    @Override
    public EngineDescription description() {
        return EngineDescriptions.GLUE;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        Optional<JobRun> earlier = findRun(request.executionName());
        String runId = earlier.map(JobRun::id).orElseGet(() -> start(request));
        long startedOn = earlier.map(JobRun::startedOn)
                .map(java.time.Instant::getEpochSecond)
                .orElse(clock.instant().getEpochSecond());
        return JobHandle.of(
                Engine.GLUE,
                runId,
                settings.glueJobName(),
                request.executionName(),
                startedOn,
                request.input().job().timeoutMinutes());
    }

    @Override
    public Optional<JobHandle> find(JobRequest request) {
        return findRun(request.executionName())
                .map(run -> JobHandle.of(
                        Engine.GLUE,
                        run.id(),
                        settings.glueJobName(),
                        request.executionName(),
                        run.startedOn() == null
                                ? clock.instant().getEpochSecond()
                                : run.startedOn().getEpochSecond(),
                        request.input().job().timeoutMinutes()));
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        JobRun run = EngineErrors.call(
                "GetJobRun",
                () -> client.getJobRun(b -> b.jobName(handle.containerId())
                                .runId(handle.jobId())
                                .predecessorsIncluded(false))
                        .jobRun());
        String region = settings.region();
        String logs = "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logsV2:log-groups/log-group/$252Faws-glue$252Fjobs$252F";
        Map<String, String> links = new LinkedHashMap<>();
        links.put("driverLogs", logs + "output/log-events/" + handle.jobId());
        links.put("errorLogs", logs + "error/log-events/" + handle.jobId());
        links.put("sparkUiEventLogs", "s3://" + settings.artifactsBucket() + "/logs/glue/spark-ui/");
        links.put(
                "console",
                "https://" + region + ".console.aws.amazon.com/gluestudio/home?region=" + region + "#/job/"
                        + handle.containerId() + "/run/" + handle.jobId());
        boolean failed = run.jobRunState() != JobRunState.SUCCEEDED
                && description().terminalStates().contains(run.jobRunStateAsString());
        return new EngineObservation(run.jobRunStateAsString(), failed ? run.errorMessage() : null, links, usage(run));
    }

    @Override
    public void cancel(JobHandle handle) {
        JobRun run = EngineErrors.call(
                "GetJobRun",
                () -> client.getJobRun(b -> b.jobName(handle.containerId()).runId(handle.jobId()))
                        .jobRun());
        if (description().terminalStates().contains(run.jobRunStateAsString())
                || run.jobRunState() == JobRunState.STOPPING) {
            return;
        }
        var stopped = EngineErrors.call(
                "BatchStopJobRun",
                () -> client.batchStopJobRun(
                        b -> b.jobName(handle.containerId()).jobRunIds(handle.jobId())));
        stopped.errors().stream()
                .filter(error -> handle.jobId().equals(error.jobRunId()))
                .findFirst()
                .ifPresent(error -> {
                    throw new InvalidJobConfig("BatchStopJobRun refused to stop " + handle.jobId() + ": "
                            + error.errorDetail().errorCode() + " "
                            + error.errorDetail().errorMessage());
                });
    }

    private String start(JobRequest request) {
        CurateJobCall call = CurateJobCall.of(request, settings.curatedBucket(), settings.catalog(), settings.upkeep());
        SparkApplication app = settings.application(call);
        GlueProfile profile = settings.datasets()
                .named(request.input().dataset())
                .map(spec -> spec.profiles().glue())
                .orElse(GlueProfile.DEFAULT);
        // The dataset's Glue parameters first: the pipeline's own arguments, then the input's, are put over them.
        Map<String, String> arguments = new LinkedHashMap<>(profile.arguments());
        arguments.putAll(call.argumentMap());
        // Glue 5.0's Iceberg (1.7.1, from the job's --datalake-formats iceberg) needs the catalog as Spark settings:
        // Glue takes them as one --conf whose value carries the others ("a=b --conf c=d").
        String conf = settings.catalog().sparkSubmitConf().substring("--conf ".length());
        if (!app.curate()) {
            arguments.putAll(ownJob(request, app));
            StringBuilder own = new StringBuilder();
            app.sparkConf()
                    .forEach((name, value) ->
                            own.append(" --conf ").append(name).append('=').append(value));
            conf = conf + own;
        }
        arguments.put("--conf", conf);
        String executionClass = arguments.remove("--execution-class");
        if (executionClass == null && profile.flex()) {
            executionClass = ExecutionClass.FLEX.toString();
        }
        String runClass = executionClass;
        return EngineErrors.call(
                "StartJobRun",
                () -> client.startJobRun(b -> {
                            b.jobName(settings.glueJobName())
                                    .arguments(arguments)
                                    .timeout(request.input().job().timeoutMinutes());
                            if (runClass != null) {
                                b.executionClass(ExecutionClass.fromValue(runClass.toUpperCase(java.util.Locale.ROOT)));
                            }
                            // Unset, the job's own workers (template.yaml's GlueWorkerType, GlueNumberOfWorkers).
                            if (profile.workerType() != null) {
                                b.workerType(profile.workerType());
                            }
                            if (profile.numberOfWorkers() != null) {
                                b.numberOfWorkers(profile.numberOfWorkers());
                            }
                        })
                        .jobRunId());
    }

    /**
     * A dataset's own JAR on the stack's Glue job, whose script ({@code GlueCurateEntry}) is fixed at
     * job level: the run's {@code --extra-jars} (which replaces the job's default) adds the JAR beside
     * the curate job's, and {@value #JOB_CLASS} names the main class the script hands over to. Glue
     * takes arguments as a map, so the job's own arguments must be {@code --name value} pairs. A
     * PySpark job would need a Glue job of its own (a Python script); the configuration check
     * refuses one on Glue, and so does this.
     */
    private Map<String, String> ownJob(JobRequest request, SparkApplication app) {
        String dataset = request.input().dataset();
        if (app.python()) {
            throw new InvalidJobConfig("dataset " + dataset + " runs a PySpark job (" + app.entryPoint()
                    + "), which the stack's Glue job (a Scala script) cannot run: run it on EMR_SERVERLESS or EMR");
        }
        Map<String, String> own = new LinkedHashMap<>();
        List<String> jobArguments = app.own();
        for (int i = 0; i < jobArguments.size(); i += 2) {
            if (!jobArguments.get(i).startsWith("--") || i + 1 >= jobArguments.size()) {
                throw new InvalidJobConfig("dataset " + dataset + "'s job arguments " + jobArguments
                        + " are not --name value pairs, which Glue needs");
            }
            own.put(jobArguments.get(i), jobArguments.get(i + 1));
        }
        own.put("--extra-jars", settings.jobJarUri() + "," + app.entryPoint());
        own.put(JOB_CLASS, app.mainClass());
        return own;
    }

    /** The run argument naming the main class {@code GlueCurateEntry} hands over to (in {@link CurateJobCall#RESERVED}). */
    public static final String JOB_CLASS = "--pipeline-job-class";

    /** The run an earlier attempt of this submission started, if any: among the newest pages of runs. */
    private Optional<JobRun> findRun(String runId) {
        return EngineErrors.call(
                "GetJobRuns",
                () -> client
                        .getJobRunsPaginator(
                                b -> b.jobName(settings.glueJobName()).maxResults(200))
                        .stream()
                        .limit(PAGES_SEARCHED)
                        .flatMap(page -> page.jobRuns().stream())
                        .filter(run -> runId.equals(run.arguments().get("--run-id")))
                        .findFirst());
    }

    /** Glue 5.0 bills a run at least one minute. */
    private static final int MINIMUM_BILLED_SECONDS = 60;

    /**
     * DPU-hours: billed DPU-seconds when Glue reports them (auto scaling, FLEX), else capacity x time,
     * at least the minute Glue bills.
     */
    private static Map<String, Double> usage(JobRun run) {
        String unit =
                run.executionClass() == ExecutionClass.FLEX ? CostEstimator.FLEX_DPU_HOURS : CostEstimator.DPU_HOURS;
        if (run.dpuSeconds() != null) {
            return Map.of(unit, run.dpuSeconds() / 3600);
        }
        if (run.executionTime() != null && run.maxCapacity() != null) {
            return Map.of(unit, Math.max(run.executionTime(), MINIMUM_BILLED_SECONDS) * run.maxCapacity() / 3600);
        }
        return Map.of();
    }
}
