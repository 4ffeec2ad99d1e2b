package dev.sparkpipeline.local.asl;

import java.util.Map;

/**
 * One state of a parsed {@link StateMachineDefinition}, a record of its typed fields. Payload
 * templates (Parameters, ResultSelector, ItemSelector, Assign) stay JSON: they are evaluated against
 * each input, and were checked at load. A state's name is its key in the definition's states.
 */
public sealed interface State permits Recoverable, ChoiceState, WaitState, PassState, SucceedState, FailState {

    /**
     * The states this one may go to, each by the field that names it ({@code Next},
     * {@code Catch[0].Next}, {@code Choices[2].Next}, {@code Default}), in definition order: what the
     * definition checks names a state of its own.
     */
    Map<String, String> transitions();
}
