package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Choice state: the first rule whose condition holds names the next state, else the Default;
 * with neither, the execution fails with {@code States.NoChoiceMatched}.
 *
 * @param inputPath   InputPath
 * @param choices     the rules, in order
 * @param defaultNext the Default, or null
 * @param outputPath  OutputPath
 * @param assign      the state's Assign, evaluated when the Default is taken, or null (a rule has its own)
 */
public record ChoiceState(
        DataPath inputPath, List<ChoiceRule> choices, String defaultNext, DataPath outputPath, JsonNode assign)
        implements State {

    public ChoiceState {
        choices = List.copyOf(choices);
    }

    @Override
    public Map<String, String> transitions() {
        Map<String, String> transitions = new LinkedHashMap<>();
        for (int i = 0; i < choices.size(); i++) {
            transitions.put("Choices[" + i + "].Next", choices.get(i).next());
        }
        if (defaultNext != null) {
            transitions.put("Default", defaultNext);
        }
        return Collections.unmodifiableMap(transitions);
    }
}
