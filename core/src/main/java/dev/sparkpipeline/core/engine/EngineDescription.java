package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.Engine;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the pipeline knows about one engine, in one place: its own job states and what each
 * means, how soon a young job is worth a look, the units it bills in and their prices, and how a
 * local stand-in for it bills. The tracker, the cost estimate, the local engine and the
 * configuration reader read it; an engine's adapter reports states in these names.
 *
 * @param engine           the engine described
 * @param states           the engine's raw job states in its own order, each with its meaning; the first of
 *                         each meaning is the name a stand-in reports; a state not listed is RUNNING (not
 *                         terminal), so the job's deadline, not a guess, decides when to give up on it
 * @param pollFloorSeconds the shortest wait worth making before looking at a young job
 * @param usdPerUnit       the price of each unit it bills in
 * @param localBilling     what a local job of these resources would be billed in this engine's units
 * @param runsOnCluster    whether its jobs run on an EMR cluster: the input's own, or a transient one the state
 *                         machine creates from the dataset's EMR profile
 */
public record EngineDescription(
        Engine engine,
        List<RawState> states,
        int pollFloorSeconds,
        Map<String, Double> usdPerUnit,
        LocalBilling localBilling,
        boolean runsOnCluster) {

    /** One of the engine's own job states and its meaning. */
    public record RawState(String name, NormalisedState meaning) {}

    /** A local job's usage in the engine's billing units. */
    @FunctionalInterface
    public interface LocalBilling {
        /** The usage of a job of {@code cores} and {@code memoryGb} that ran {@code hours}. */
        Map<String, Double> usage(int cores, double memoryGb, double hours);
    }

    public EngineDescription {
        states = List.copyOf(states);
        usdPerUnit = Map.copyOf(usdPerUnit);
        for (NormalisedState meaning :
                List.of(NormalisedState.RUNNING, NormalisedState.SUCCEEDED, NormalisedState.FAILED)) {
            if (states.stream().noneMatch(state -> state.meaning() == meaning)) {
                throw new IllegalArgumentException(engine + " names no state meaning " + meaning);
            }
        }
    }

    /** A raw state of this meaning, for a description's state list. */
    public static RawState state(String name, NormalisedState meaning) {
        return new RawState(name, meaning);
    }

    /** The meaning of a raw state; a state this engine does not list is RUNNING. */
    public NormalisedState normalise(String rawState) {
        return states.stream()
                .filter(state -> state.name().equals(rawState))
                .map(RawState::meaning)
                .findFirst()
                .orElse(NormalisedState.RUNNING);
    }

    /** The raw states after which a job never changes again. */
    public Set<String> terminalStates() {
        Set<String> terminal = new LinkedHashSet<>();
        states.stream().filter(state -> state.meaning().terminal()).forEach(state -> terminal.add(state.name()));
        return terminal;
    }

    /**
     * The name this engine gives a job in this state (the first it lists), as a stand-in reports it;
     * FAILED when it has no state of that meaning.
     */
    public String reportedAs(NormalisedState meaning) {
        return states.stream()
                .filter(state -> state.meaning() == meaning)
                .map(RawState::name)
                .findFirst()
                .orElseGet(() -> reportedAs(NormalisedState.FAILED));
    }

    /** The estimated cost in USD of this usage at this engine's prices, or null when there is no usage. */
    public Double estimate(Map<String, Double> usage) {
        return CostEstimator.estimate(usage, usdPerUnit);
    }
}
