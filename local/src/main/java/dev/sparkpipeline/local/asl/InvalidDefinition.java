package dev.sparkpipeline.local.asl;

/**
 * A state machine definition the interpreter refuses at load, before any execution: the state it
 * found wrong (null for the definition's own fields such as {@code StartAt}), the field, as a path
 * inside that state ({@code Choices[2].Next}, {@code Retry[0].MaxAttempts}), and what is wrong.
 */
public final class InvalidDefinition extends IllegalArgumentException {

    private final String state;
    private final String field;
    private final String problem;

    /**
     * @param state   the state's name, or null when the problem is in the definition's own fields
     * @param field   the field, or null when the problem is the state as a whole
     * @param problem what is wrong, in a few words
     */
    public InvalidDefinition(String state, String field, String problem) {
        super(message(state, field, problem));
        this.state = state;
        this.field = field;
        this.problem = problem;
    }

    /** The state's name, or null for the definition's own fields. */
    public String state() {
        return state;
    }

    /** The field inside the state (or the definition), or null. */
    public String field() {
        return field;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /**
     * This problem, found in a branch or a Map's item processor, as a problem of the state that holds
     * it: a problem with a state of its own keeps that state; one with the branch's own fields
     * ({@code StartAt}) becomes a field of the holding state ({@code Branches[1].StartAt}).
     */
    InvalidDefinition within(String holder, String at) {
        if (state != null) {
            return this;
        }
        return new InvalidDefinition(holder, field == null ? at : at + "." + field, problem);
    }

    private static String message(String state, String field, String problem) {
        StringBuilder where = new StringBuilder("invalid state machine definition: ");
        if (state != null) {
            where.append("state \"").append(state).append('"');
        }
        if (field != null) {
            where.append(state != null ? ", " : "").append("field ").append(field);
        }
        return where.append(": ").append(problem).toString();
    }
}
