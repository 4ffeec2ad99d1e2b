package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.Engine;
import java.util.Optional;

/**
 * A place the curate job runs: EMR Serverless, Glue and EMR on EC2 in the cloud, local Spark
 * offline. Every method is idempotent, because the state machine retries them.
 */
public interface JobEngine {

    /** What this adapter's engine is: its states, poll floor and prices. */
    EngineDescription description();

    /** The engine this adapter drives. */
    default Engine engine() {
        return description().engine();
    }

    /** Starts the job, or finds the one an earlier attempt of the same request started. */
    JobHandle submit(JobRequest request);

    /**
     * The job a submission of this request started, if any, found by the name every engine gives
     * it (the execution's): how an execution that ended without its Catch finds the job to cancel.
     */
    Optional<JobHandle> find(JobRequest request);

    /** Reads the job's state from the engine, without deciding when to look again. */
    EngineObservation observe(JobHandle handle);

    /** Asks the engine to stop the job; a job that has already ended is left as it is. */
    void cancel(JobHandle handle);

    /**
     * The shortest wait worth making before looking at a young job: the engine's own (a cloud
     * engine takes tens of seconds just to start one); a stand-in whose jobs start in seconds may say so.
     */
    default int pollFloorSeconds() {
        return description().pollFloorSeconds();
    }
}
