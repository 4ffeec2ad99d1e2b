package dev.sparkpipeline.local.endpoint;

import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.LocalFunctions;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.runner.LocalTasks;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import dev.sparkpipeline.local.runner.PipelineQueues;
import dev.sparkpipeline.local.runner.PipelineSite;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The pipeline's resources on an AWS-compatible endpoint ({@code moto_server}, LocalStack or
 * another emulator), for the local runner's endpoint mode: the functions build their own AWS
 * adapters from their template environment, pointed here by {@code AWS_ENDPOINT_URL}; the
 * interpreter's service integrations call here; the runner lands files and reads results here.
 *
 * <p>{@link #provision} creates what the template would (buckets, queues, the failure topic, the state
 * machine, the EMR Serverless application, the Glue job and database), or finds them from an
 * earlier run, and resolves the template's references to their names and ARNs. Credentials are
 * the process's {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, else {@code test}/{@code
 * test}, which emulators accept; the region is {@code AWS_REGION}, else {@code us-east-1}.
 */
public final class EndpointStack {

    private final URI endpoint;
    private final String region;
    private final AwsBasicCredentials credentials;
    private final UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
    private final LocalResources resources;
    private final S3Client s3;
    private final SqsClient sqs;

    private EndpointStack(
            URI endpoint,
            String region,
            AwsBasicCredentials credentials,
            SamTemplate template,
            Map<String, String> physical) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.resources = new LocalResources(template, physical);
        this.s3 = client(S3Client.builder().forcePathStyle(true), true);
        this.sqs = client(SqsClient.builder(), true);
    }

    /** Creates (or finds) the template's resources on the endpoint. */
    public static EndpointStack provision(SamTemplate template, URI endpoint) {
        FunctionEnvironment process = FunctionEnvironment.ofProcess();
        String region = process.optional("AWS_REGION").orElse("us-east-1");
        var credentials = AwsBasicCredentials.create(
                process.optional("AWS_ACCESS_KEY_ID").orElse("test"),
                process.optional("AWS_SECRET_ACCESS_KEY").orElse("test"));
        var bootstrap = new EndpointStack(endpoint, region, credentials, template, Map.of());
        Map<String, String> physical = bootstrap.create(template);
        return new EndpointStack(endpoint, region, bootstrap.credentials, template, physical);
    }

    /** The template's references, resolved to what this endpoint has. */
    public LocalResources resources() {
        return resources;
    }

    /** What the Lambda runtime would give the function: its template variables, region, endpoint and keys. */
    public FunctionEnvironment environment(SamFunction function) {
        Map<String, String> variables = new HashMap<>(resources.environment(function));
        variables.put("AWS_REGION", region);
        variables.put("AWS_ENDPOINT_URL", endpoint.toString());
        variables.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        return new FunctionEnvironment(variables);
    }

    /** The state machine's service integrations on this endpoint, one call per attempt. */
    private TaskRunner integrations() {
        return new EndpointIntegrations(
                client(EmrClient.builder(), false),
                client(SnsClient.builder(), false),
                client(EventBridgeClient.builder(), false));
    }

    /**
     * The pipeline on this endpoint: every function on its AWS adapters, built from its template
     * environment; the service integrations here; jobs the emulator reports finished run on local
     * Spark ({@link JobsOnLocalSpark}). The functions' standard output goes to
     * {@code <lake>/_logs/functions.log}; the local Spark runs work under {@code <lake>/_endpoint-jobs/}.
     */
    public LocalPipeline pipeline(SamTemplate template, LocalLake lake, LocalSparkJob job) {
        return pipeline(template, lake, job, null);
    }

    /**
     * The pipeline on this endpoint, its functions reading the datasets of {@code datasetsConfig}
     * (through {@code DATASETS_CONFIG}) instead of the ones bundled into their build.
     */
    public LocalPipeline pipeline(SamTemplate template, LocalLake lake, LocalSparkJob job, Path datasetsConfig) {
        return LocalPipeline.on(template, new EndpointSite(this, lake, job), lake, datasetsConfig);
    }

    /** This endpoint as the place the runner's pipeline runs. */
    private record EndpointSite(EndpointStack stack, LocalLake lake, LocalSparkJob job) implements PipelineSite {

        @Override
        public LocalResources resources() {
            return stack.resources;
        }

        @Override
        public FunctionEnvironment environment(SamFunction function) {
            return stack.environment(function);
        }

        @Override
        public Adapters adapters(FunctionEnvironment environment) {
            return AwsAdapters.of(environment);
        }

        @Override
        public TaskRunner tasks(LocalFunctions functions) {
            return new JobsOnLocalSpark(
                    new LocalTasks(functions, stack.integrations()),
                    stack.s3,
                    stack.resources.ref("CuratedBucket"),
                    job,
                    lake.root().resolve("_endpoint-jobs"));
        }

        @Override
        public PipelineBuckets buckets() {
            return new EndpointBuckets(stack.s3);
        }

        @Override
        public PipelineQueues queues() {
            return new EndpointQueues(stack.sqs);
        }

        @Override
        public Optional<ExecutionInput> started(String executionName) {
            return stack.startedExecution(executionName);
        }

        @Override
        public Optional<Path> functionOutput() {
            return Optional.of(lake.root().resolve("_logs").resolve("functions.log"));
        }
    }

    /** The input of an execution a function started on this endpoint's state machine. */
    public Optional<ExecutionInput> startedExecution(String name) {
        String stateMachine = resources.ref("PipelineStateMachine");
        String arn = stateMachine.replace(":stateMachine:", ":execution:") + ":" + name;
        try (SfnClient sfn = client(SfnClient.builder(), true)) {
            String input =
                    sfn.describeExecution(request -> request.executionArn(arn)).input();
            return Optional.of(ExecutionInputJson.read(input.getBytes(StandardCharsets.UTF_8)));
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> create(SamTemplate template) {
        Map<String, String> physical = new HashMap<>();
        String stack = resources.ref("AWS::StackName");
        // Topics first: an ARN the endpoint makes tells its account, which role ARNs must carry.
        String account = "000000000000";
        try (SnsClient sns = client(SnsClient.builder(), true)) {
            for (Map.Entry<String, Map<String, Object>> resource :
                    template.resources().entrySet()) {
                if ("AWS::SNS::Topic".equals(resource.getValue().get("Type"))) {
                    String arn = sns.createTopic(request -> request.name(stack + "-" + resource.getKey()))
                            .topicArn();
                    physical.put(resource.getKey(), arn);
                    account = arn.split(":", -1)[4];
                }
            }
        }
        String roles = "arn:aws:iam::" + account + ":role/" + stack + "-";
        boolean provisionedBefore = stateMachineArn(stack + "-pipeline").isPresent();
        physical.put("AWS::AccountId", account);
        physical.put("AWS::Region", region);
        template.resources().forEach((logicalId, resource) -> {
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::S3::Bucket" -> {
                    if (provisionedBefore) {
                        requireBucket(resources.ref(logicalId));
                    } else {
                        createBucket(resources.ref(logicalId), versioned(resource));
                    }
                }
                case "AWS::Glue::Database" ->
                    glue(glue -> glue.createDatabase(
                            request -> request.databaseInput(input -> input.name(resources.ref(logicalId)))));
                case "AWS::Glue::Job" ->
                    glue(glue -> glue.createJob(request -> request.name(resources.ref(logicalId))
                            .role(roles + "JobExecutionRole")
                            .command(command -> command.name("glueetl")
                                    .scriptLocation("s3://" + resources.ref("ArtifactsBucket")
                                            + "/jobs/curate/GlueCurateEntry.scala"))));
                case "AWS::SQS::Queue" -> {
                    // CreateQueue answers the existing queue's URL when an earlier run made it.
                    String url = sqs.createQueue(request -> request.queueName(stack + "-" + logicalId))
                            .queueUrl();
                    physical.put(logicalId, url);
                    physical.put(
                            logicalId + ".Arn",
                            sqs.getQueueAttributes(request ->
                                            request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                                    .attributes()
                                    .get(QueueAttributeName.QUEUE_ARN));
                }
                case "AWS::EMRServerless::Application" -> physical.put(logicalId, application(stack + "-curate"));
                case "AWS::IAM::Role" -> physical.put(logicalId + ".Arn", roles + logicalId);
                default -> {
                    // Log groups, policies, alarms: nothing the pipeline calls at run time.
                }
            }
        });
        // The definition names the topic: the state machine comes last.
        String definition = new LocalResources(template, physical).stateMachineDefinition();
        physical.put("PipelineStateMachine", stateMachine(stack + "-pipeline", definition, roles + "StateMachine"));
        return physical;
    }

    private void createBucket(String name, boolean versioned) {
        try {
            s3.createBucket(request -> {
                request.bucket(name);
                if (!region.equals("us-east-1")) {
                    request.createBucketConfiguration(CreateBucketConfiguration.builder()
                            .locationConstraint(BucketLocationConstraint.fromValue(region))
                            .build());
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // Made by hand, or by a run that stopped before it made the state machine.
        }
        if (versioned) {
            s3.putBucketVersioning(request -> request.bucket(name)
                    .versioningConfiguration(configuration -> configuration.status(BucketVersioningStatus.ENABLED)));
        }
    }

    /** True when the template's bucket has {@code VersioningConfiguration: {Status: Enabled}}, as all of ours do. */
    private static boolean versioned(Map<String, Object> resource) {
        return resource.get("Properties") instanceof Map<?, ?> properties
                && properties.get("VersioningConfiguration") instanceof Map<?, ?> versioning
                && "Enabled".equals(versioning.get("Status"));
    }

    /**
     * On a stack provisioned before, a missing bucket was deleted on purpose or by mistake: making
     * an empty one would hide that (and a landing bucket made anew silently loses its history), so
     * the run stops and says what to do.
     */
    private void requireBucket(String name) {
        try {
            s3.headBucket(request -> request.bucket(name));
        } catch (NoSuchBucketException e) {
            throw missing(name);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing(name);
            }
            throw e;
        }
    }

    private IllegalStateException missing(String bucket) {
        return new MissingResource("the bucket " + bucket + " of this stack is gone from " + endpoint
                + "; the runner made it once and does not make it again. Create it yourself (aws s3 mb s3://" + bucket
                + " --endpoint-url " + endpoint + ") to go on with an empty one");
    }

    /** A resource an earlier run provisioned is gone from the endpoint. */
    public static final class MissingResource extends IllegalStateException {
        public MissingResource(String message) {
            super(message);
        }
    }

    private void glue(java.util.function.Consumer<GlueClient> creation) {
        try (GlueClient glue = client(GlueClient.builder(), true)) {
            creation.accept(glue);
        } catch (AlreadyExistsException e) {
            // An earlier run made it.
        }
    }

    private String application(String name) {
        try (EmrServerlessClient emrServerless = client(EmrServerlessClient.builder(), true)) {
            return emrServerless.listApplications(request -> request.maxResults(50)).applications().stream()
                    .filter(application -> application.name().equals(name)
                            && !application.stateAsString().equals("TERMINATED"))
                    .map(application -> application.id())
                    .findFirst()
                    .orElseGet(() -> emrServerless
                            .createApplication(request ->
                                    request.name(name).releaseLabel("emr-7.5.0").type("SPARK"))
                            .applicationId());
        }
    }

    private Optional<String> stateMachineArn(String name) {
        try (SfnClient sfn = client(SfnClient.builder(), true)) {
            return sfn.listStateMachines(request -> request.maxResults(1000)).stateMachines().stream()
                    .filter(machine -> machine.name().equals(name))
                    .map(StateMachineListItem::stateMachineArn)
                    .findFirst();
        }
    }

    private String stateMachine(String name, String definition, String role) {
        try (SfnClient sfn = client(SfnClient.builder(), true)) {
            Optional<String> existing = stateMachineArn(name);
            if (existing.isPresent()) {
                sfn.updateStateMachine(
                        request -> request.stateMachineArn(existing.get()).definition(definition));
                return existing.get();
            }
            return sfn.createStateMachine(
                            request -> request.name(name).definition(definition).roleArn(role))
                    .stateMachineArn();
        }
    }

    /** A client of this endpoint; the runner's own clients retry as the SDK does, the integrations' do not. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, boolean retries) {
        builder.region(Region.of(region))
                .endpointOverride(endpoint)
                .httpClient(http.build())
                .credentialsProvider(StaticCredentialsProvider.create(credentials));
        if (!retries) {
            builder.overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
        return builder.build();
    }
}
