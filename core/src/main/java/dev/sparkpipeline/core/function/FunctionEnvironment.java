package dev.sparkpipeline.core.function;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A function's environment variables: on Lambda, the process environment the runtime sets from
 * {@code template.yaml}; in the local runner's endpoint mode, the same variables resolved from the
 * template. Every function builds its AWS adapters from one of these, so both paths run the same
 * wiring.
 *
 * @param variables the variables by name
 */
public record FunctionEnvironment(Map<String, String> variables) {

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The environment the Lambda runtime gave this process. */
    public static FunctionEnvironment ofProcess() {
        return new FunctionEnvironment(System.getenv());
    }

    /** A variable the template always sets; its absence is a deployment error, reported by name. */
    public String required(String name) {
        return optional(name)
                .orElseThrow(() -> new IllegalStateException(
                        name + " is not set: the function's environment in template.yaml sets it"));
    }

    /** A variable that may be absent or blank. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Names only: the variables hold credentials, which must never reach a log line. */
    @Override
    public String toString() {
        return "FunctionEnvironment" + new TreeSet<>(variables.keySet());
    }

    /** A {@code true}/{@code false} variable; absent is false. */
    public boolean flag(String name) {
        return optional(name).map(Boolean::parseBoolean).orElse(false);
    }
}
