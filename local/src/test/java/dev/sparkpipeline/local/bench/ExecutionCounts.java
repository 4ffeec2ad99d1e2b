package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.local.asl.HistoryEvent;
import java.util.List;

/**
 * What one execution cost Step Functions, read from its history: state transitions as Step
 * Functions bills them (states entered plus Task retries), the Lambda invocations its Tasks made
 * (retries included) and the history events it recorded.
 *
 * @param stateTransitions states entered plus retries
 * @param lambdaInvokes    Lambda invocations, retries included
 * @param historyEvents    history events, counted as Step Functions records them
 */
record ExecutionCounts(int stateTransitions, int lambdaInvokes, int historyEvents) {

    /** The counts of one execution's history. */
    static ExecutionCounts of(List<HistoryEvent> history) {
        return new ExecutionCounts(transitions(history), lambdaInvokes(history), historyEvents(history));
    }

    private static int transitions(List<HistoryEvent> history) {
        int entered = 0;
        int retries = 0;
        String lastScheduledState = null;
        for (HistoryEvent event : history) {
            if (event.type() == HistoryEvent.Type.STATE_ENTERED) {
                entered++;
                lastScheduledState = null;
            } else if (event.type() == HistoryEvent.Type.TASK_SCHEDULED) {
                if (event.state().equals(lastScheduledState)) {
                    retries++;
                }
                lastScheduledState = event.state();
            }
        }
        return entered + retries;
    }

    private static int lambdaInvokes(List<HistoryEvent> history) {
        return (int) history.stream()
                .filter(event -> event.type() == HistoryEvent.Type.TASK_SCHEDULED
                        && event.detail().contains("lambda"))
                .count();
    }

    /** Step Functions' history has no event for a wait beginning: the interpreter's own is left out. */
    private static int historyEvents(List<HistoryEvent> history) {
        return (int) history.stream()
                .filter(event -> event.type() != HistoryEvent.Type.WAIT_STARTED)
                .count();
    }
}
