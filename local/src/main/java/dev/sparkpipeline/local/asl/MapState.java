package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An inline Map state: the item processor runs once per item of an array; the result is their
 * outputs in order. The legacy Iterator and Parameters read as ItemProcessor and ItemSelector.
 *
 * @param inputPath          InputPath
 * @param itemsPath          ItemsPath, into the effective input ({@code $} when left out)
 * @param itemSelector       the ItemSelector payload template (each item's input), or null (the item itself)
 * @param itemProcessor      what runs per item
 * @param maxConcurrency     MaxConcurrency (0, the default, is no limit): items run one after another here,
 *                           which changes the timing only
 * @param maxConcurrencyPath MaxConcurrencyPath, or null: likewise
 * @param resultSelector     the ResultSelector payload template, or null
 * @param resultPath         ResultPath
 * @param outputPath         OutputPath
 * @param assign             the Assign template, or null
 * @param retry              the retriers, in order
 * @param catchers           the catchers, in order
 * @param next               the next state, or null when this one ends the execution
 */
public record MapState(
        DataPath inputPath,
        String itemsPath,
        JsonNode itemSelector,
        StateMachineDefinition itemProcessor,
        long maxConcurrency,
        String maxConcurrencyPath,
        JsonNode resultSelector,
        DataPath resultPath,
        DataPath outputPath,
        JsonNode assign,
        List<Retrier> retry,
        List<Catcher> catchers,
        String next)
        implements State, Recoverable {

    public MapState {
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    @Override
    public Map<String, String> transitions() {
        return Transitions.of(next, catchers);
    }
}
