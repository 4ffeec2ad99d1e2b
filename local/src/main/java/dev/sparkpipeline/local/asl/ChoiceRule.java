package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One top-level entry of a Choice state's Choices: its test and where it goes when the test holds.
 *
 * @param condition the test
 * @param assign    the Assign template, evaluated on the Choice's effective input, or null
 * @param next      the state it goes to
 */
public record ChoiceRule(Condition condition, JsonNode assign, String next) {

    public ChoiceRule {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(next, "next");
    }
}
