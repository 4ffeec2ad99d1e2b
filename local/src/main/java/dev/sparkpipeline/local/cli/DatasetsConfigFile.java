package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.InvalidDatasetConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The datasets configuration the local runner uses, read at run time so that an edit needs no
 * rebuild: {@code --config FILE}, by default the repository's {@code config/datasets.json}.
 */
final class DatasetsConfigFile {

    private DatasetsConfigFile() {}

    /** {@code <repository>/config/datasets.json}. */
    static Path defaultFile() {
        return RunReport.defaultTemplate().resolveSibling("config").resolve("datasets.json");
    }

    /** The file's datasets; a missing or invalid file is a usage error of one line naming the file and the field. */
    static DatasetCatalog read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PipelineLocal.UsageError("no datasets configuration at " + file + " (pass --config FILE)");
        }
        try {
            return DatasetCatalog.read(file);
        } catch (InvalidDatasetConfig invalid) {
            throw new PipelineLocal.UsageError(file + ": " + invalid.getMessage());
        }
    }
}
