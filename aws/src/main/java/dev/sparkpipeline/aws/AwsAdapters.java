package dev.sparkpipeline.aws;

import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.core.engine.ExecutionClusters;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionFactory;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.intake.DeadLetterQueue;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.Catalog;
import dev.sparkpipeline.core.storage.ObjectStore;
import java.time.Clock;

/**
 * The ports on AWS, for a function's environment: S3, Step Functions, the three engines, the Glue
 * Data Catalog, EMR clusters. A client is built when a factory first asks for its adapter, so a
 * function loads (and ships) only the SDK modules it calls. Logs and metrics go to standard
 * output, which Lambda sends to the function's log group (metrics as Embedded Metric Format).
 */
public final class AwsAdapters implements Adapters {

    private final FunctionEnvironment environment;
    private final AwsClients clients;
    private final Clock clock = Clock.systemUTC();
    private ObjectStore objectStore;

    private AwsAdapters(FunctionEnvironment environment, AwsClients clients) {
        this.environment = environment;
        this.clients = clients;
    }

    /** The adapters of a function with this environment ({@link AwsClients#fromEnvironment}). */
    public static AwsAdapters of(FunctionEnvironment environment) {
        return new AwsAdapters(environment, AwsClients.fromEnvironment(environment));
    }

    /**
     * A function as the Lambda runtime runs it: built by its factory from the process's
     * environment, on AWS.
     */
    public static <F> F wire(FunctionFactory<F> factory) {
        FunctionEnvironment environment = FunctionEnvironment.ofProcess();
        return factory.build(environment, of(environment));
    }

    @Override
    public synchronized ObjectStore objectStore() {
        if (objectStore == null) {
            objectStore = new S3ObjectStore(clients.s3());
        }
        return objectStore;
    }

    @Override
    public ExecutionStarter executionStarter(String stateMachineArn) {
        return new StepFunctionsExecutionStarter(clients.stepFunctions(), stateMachineArn, clock);
    }

    @Override
    public IntakeQueue intakeQueue(String queueUrl) {
        return new SqsIntakeQueue(clients.sqs(), queueUrl);
    }

    @Override
    public DeadLetterQueue deadLetterQueue(String queueUrl) {
        return new SqsDeadLetterQueue(clients.sqs(), queueUrl);
    }

    @Override
    public JobEngines jobEngines() {
        return AwsJobEngines.on(clients, EngineSettings.fromEnvironment(environment), clock);
    }

    @Override
    public Catalog catalog(String database) {
        return new GlueCatalog(clients.glue(), database);
    }

    @Override
    public ExecutionClusters clusters(String stackName) {
        return new ClusterReaper(clients.emr(), stackName);
    }

    @Override
    public EventLog eventLog(String function) {
        return EventLog.stdout(function);
    }

    @Override
    public Metrics metrics(String function) {
        return Metrics.stdout(
                environment.optional(FunctionVariables.METRICS_NAMESPACE).orElse(Metrics.DEFAULT_NAMESPACE),
                function,
                SnapStartPriming::warmingUp);
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
