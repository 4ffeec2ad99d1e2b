package dev.sparkpipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.JobSubmitter;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.engine.QueuePolicy;
import dev.sparkpipeline.core.error.EngineNotReady;
import dev.sparkpipeline.core.error.JobStillRunning;
import dev.sparkpipeline.core.error.PipelineException;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The state machine's Retry policies, derived from the code: every engine call goes through
 * {@link EngineErrors}, so the errors any call can raise are what it makes of every kind of
 * failure a service gives; those that say {@code retriable()} must be retried by each Task whose
 * function makes such calls, and none other may be. The tracker's Tasks also retry their own
 * {@code States.Timeout} (a slow poll says nothing about the job), WatchJob its
 * {@code JobStillRunning}, and SubmitJob the application-not-started {@link EngineNotReady}. What
 * the submit function raises is what {@link JobSubmitter} lets through of those errors: a refusal
 * for capacity it answers as a wait, which no Retry may take.
 */
class RetryPoliciesMatchTheCodeTest {

    /** One failure of each kind a service gives, as the SDK reports it after its own retries. */
    private static final List<RuntimeException> EVERY_KIND_OF_FAILURE = List.of(
            service("ThrottlingException", 400),
            service("TooManyRequestsException", 429),
            service(null, 429),
            service("ConcurrentRunsExceededException", 400),
            service("ServiceQuotaExceededException", 402),
            service("AccessDeniedException", 403),
            service(null, 403),
            service("ResourceNotFoundException", 404),
            service("InternalServerException", 500),
            service(null, 503),
            service("ValidationException", 400),
            SdkClientException.create("connection reset"));

    @Test
    void eachTaskRetriesExactlyTheRetriableErrorsItsFunctionCanRaise() throws IOException {
        Set<String> anyEngineCall = new TreeSet<>();
        Set<String> anySubmission = new TreeSet<>();
        for (RuntimeException failure : EVERY_KIND_OF_FAILURE) {
            retriableRaised(
                    anyEngineCall,
                    () -> EngineErrors.call("GetJobRun", () -> {
                        throw failure;
                    }));
            retriableRaised(
                    anySubmission, () -> submitterOf(failure).submit(Requests.request(Engine.GLUE, "run", null)));
        }
        assertThat(anyEngineCall).as("what the derivation found").isNotEmpty();
        assertThat(anySubmission)
                .as("a refusal for capacity is answered, not raised")
                .isNotEmpty();
        Set<String> track = union(anyEngineCall, Set.of("States.Timeout"));
        Set<String> watch = union(track, Set.of(JobStillRunning.class.getName()));
        Set<String> submit = union(anySubmission, Set.of(EngineNotReady.class.getName()));

        Map<String, Object> states = states();
        assertThat(retried(states, "SubmitJob")).as("SubmitJob").isEqualTo(submit);
        assertThat(retried(states, "TrackJob")).as("TrackJob").isEqualTo(track);
        assertThat(retried(states, "WatchJob")).as("WatchJob").isEqualTo(watch);
    }

    /** Adds to {@code raised} the retriable error {@code call} raises, if any. */
    private static void retriableRaised(Set<String> raised, Runnable call) {
        try {
            call.run();
        } catch (PipelineException error) {
            if (error.retriable()) {
                raised.add(error.getClass().getName());
            }
        }
    }

    /** The submit function's submitter on an engine whose every call fails as {@code failure}. */
    private static JobSubmitter submitterOf(RuntimeException failure) {
        return new JobSubmitter(
                new JobEngines(List.of(new FailingEngine(failure))),
                new PollSchedule(() -> 0.5),
                new QueuePolicy(QueuePolicy.DEFAULT_TIMEOUT_MINUTES, () -> 0.5),
                Clock.systemUTC());
    }

    /** The errors a Task's Retry names, besides Lambda's own transient errors (the same for every Lambda task). */
    @SuppressWarnings("unchecked")
    private static Set<String> retried(Map<String, Object> states, String task) {
        Set<String> errors = new TreeSet<>();
        for (Object retrier : (List<Object>) ((Map<String, Object>) states.get(task)).get("Retry")) {
            for (Object error : (List<Object>) ((Map<String, Object>) retrier).get("ErrorEquals")) {
                if (!error.toString().startsWith("Lambda.")) {
                    errors.add(error.toString());
                }
            }
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> states() throws IOException {
        byte[] definition = Files.readAllBytes(Fixtures.root().resolve("statemachine/pipeline.asl.json"));
        return (Map<String, Object>) JSON.std.mapFrom(definition).get("States");
    }

    /** A Glue engine whose every call fails as {@code failure}, translated as the adapters translate it. */
    private record FailingEngine(RuntimeException failure) implements JobEngine {
        @Override
        public EngineDescription description() {
            return EngineDescriptions.GLUE;
        }

        @Override
        public JobHandle submit(JobRequest request) {
            return EngineErrors.call("StartJobRun", () -> {
                throw failure;
            });
        }

        @Override
        public Optional<JobHandle> find(JobRequest request) {
            return Optional.empty();
        }

        @Override
        public EngineObservation observe(JobHandle handle) {
            throw new AssertionError("not called");
        }

        @Override
        public void cancel(JobHandle handle) {
            throw new AssertionError("not called");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static RuntimeException service(String code, int status) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
    }
}
