package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

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
 * @param outcome            what becomes of the outputs (ResultSelector... Next) or of a failure (Retry, Catch)
 */
public record MapState(
        DataPath inputPath,
        String itemsPath,
        JsonNode itemSelector,
        StateMachineDefinition itemProcessor,
        long maxConcurrency,
        String maxConcurrencyPath,
        Outcome outcome)
        implements Recoverable {}
