package dev.sparkpipeline.local.asl;

import java.util.Map;

/**
 * A Succeed state: the execution (or branch) ends with its output.
 *
 * @param inputPath  InputPath
 * @param outputPath OutputPath
 */
public record SucceedState(DataPath inputPath, DataPath outputPath) implements State {

    @Override
    public Map<String, String> transitions() {
        return Map.of();
    }
}
