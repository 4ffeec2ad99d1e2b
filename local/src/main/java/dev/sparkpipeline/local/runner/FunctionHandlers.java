package dev.sparkpipeline.local.runner;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.batcher.BatcherFunction;
import dev.sparkpipeline.batcher.BatcherHandler;
import dev.sparkpipeline.cancel.CancelJobFunction;
import dev.sparkpipeline.cancel.CancelJobHandler;
import dev.sparkpipeline.core.function.FunctionFactory;
import dev.sparkpipeline.publish.PublishFunction;
import dev.sparkpipeline.publish.PublishHandler;
import dev.sparkpipeline.reconcile.ReconcileFunction;
import dev.sparkpipeline.reconcile.ReconcileHandler;
import dev.sparkpipeline.recordfailure.RecordFailureFunction;
import dev.sparkpipeline.recordfailure.RecordFailureHandler;
import dev.sparkpipeline.replay.ReplayFunction;
import dev.sparkpipeline.replay.ReplayHandler;
import dev.sparkpipeline.submit.SubmitJobFunction;
import dev.sparkpipeline.submit.SubmitJobHandler;
import dev.sparkpipeline.track.TrackJobFunction;
import dev.sparkpipeline.track.TrackJobHandler;
import dev.sparkpipeline.validate.ValidateFunction;
import dev.sparkpipeline.validate.ValidateObjectHandler;
import dev.sparkpipeline.verifyinput.VerifyInputFunction;
import dev.sparkpipeline.verifyinput.VerifyInputHandler;
import java.util.Map;
import java.util.Optional;

/**
 * Every handler class the template may name, built on its function's one factory (the one its
 * Lambda runtime constructor calls), with the site's environment and adapters. A handler added to
 * the template needs its line here; the runner refuses a template that names one it does not know.
 */
final class FunctionHandlers {

    private static final Map<String, FunctionFactory<RequestStreamHandler>> BY_CLASS = Map.of(
            ValidateObjectHandler.class.getName(),
                    (environment, adapters) -> new ValidateObjectHandler(ValidateFunction.build(environment, adapters)),
            BatcherHandler.class.getName(),
                    (environment, adapters) -> new BatcherHandler(BatcherFunction.build(environment, adapters)),
            VerifyInputHandler.class.getName(),
                    (environment, adapters) -> new VerifyInputHandler(VerifyInputFunction.build(environment, adapters)),
            SubmitJobHandler.class.getName(),
                    (environment, adapters) -> new SubmitJobHandler(SubmitJobFunction.build(environment, adapters)),
            TrackJobHandler.class.getName(),
                    (environment, adapters) -> new TrackJobHandler(TrackJobFunction.build(environment, adapters)),
            CancelJobHandler.class.getName(),
                    (environment, adapters) -> new CancelJobHandler(CancelJobFunction.build(environment, adapters)),
            PublishHandler.class.getName(),
                    (environment, adapters) -> new PublishHandler(PublishFunction.build(environment, adapters)),
            RecordFailureHandler.class.getName(),
                    (environment, adapters) ->
                            new RecordFailureHandler(RecordFailureFunction.build(environment, adapters)),
            ReconcileHandler.class.getName(),
                    (environment, adapters) -> new ReconcileHandler(ReconcileFunction.build(environment, adapters)),
            ReplayHandler.class.getName(),
                    (environment, adapters) -> new ReplayHandler(ReplayFunction.build(environment, adapters)));

    private FunctionHandlers() {}

    /** The factory of the handler class {@code handlerClass}, if this runner knows it. */
    static Optional<FunctionFactory<RequestStreamHandler>> factory(String handlerClass) {
        return Optional.ofNullable(BY_CLASS.get(handlerClass));
    }
}
