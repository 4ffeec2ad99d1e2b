package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A state machine definition (JSONPath query language), parsed and checked once, before any
 * execution: the whole definition, a Parallel branch or a Map's item processor. Its states are typed
 * ({@link State}); every transition names one of its own states, which the constructor checks, so a
 * definition built by hand holds to it too.
 *
 * @param startAt        the first state
 * @param states         the states by name, in definition order
 * @param timeoutSeconds the execution's TimeoutSeconds, or null (always null for a branch or item processor)
 * @param comment        the Comment, or null
 */
public record StateMachineDefinition(String startAt, Map<String, State> states, Long timeoutSeconds, String comment) {

    /**
     * @throws InvalidDefinition when StartAt or a transition names no state of {@code states}
     */
    public StateMachineDefinition {
        Objects.requireNonNull(startAt, "startAt");
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        if (!states.containsKey(startAt)) {
            throw new InvalidDefinition(null, "StartAt", "names \"" + startAt + "\", which is not one of its States");
        }
        for (Map.Entry<String, State> state : states.entrySet()) {
            for (Map.Entry<String, String> transition :
                    state.getValue().transitions().entrySet()) {
                if (!states.containsKey(transition.getValue())) {
                    throw new InvalidDefinition(
                            state.getKey(),
                            transition.getKey(),
                            "names \"" + transition.getValue()
                                    + "\", which is not a state of the same States (a branch cannot leave its branch)");
                }
            }
        }
    }

    /**
     * Parses and checks a definition as Step Functions would when it is created.
     *
     * @throws InvalidDefinition naming the state and the field, at the first problem found
     */
    public static StateMachineDefinition parse(JsonNode definition) {
        return DefinitionReader.read(definition);
    }

    /**
     * The states that can come back to themselves by transitions (a poll loop, a wait for capacity),
     * in definition order. A Retry is not a transition, so a retried task is on no loop for it.
     */
    public Set<String> statesOnLoops() {
        Set<String> onLoops = new LinkedHashSet<>();
        for (String state : states.keySet()) {
            Deque<String> next =
                    new ArrayDeque<>(states.get(state).transitions().values());
            Set<String> seen = new HashSet<>();
            while (!next.isEmpty()) {
                String reached = next.pop();
                if (reached.equals(state)) {
                    onLoops.add(state);
                    break;
                }
                if (seen.add(reached)) {
                    next.addAll(states.get(reached).transitions().values());
                }
            }
        }
        return Collections.unmodifiableSet(onLoops);
    }

    /** The state named {@code name}, or null. */
    public State state(String name) {
        return states.get(name);
    }
}
