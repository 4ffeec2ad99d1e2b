package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-config [FILE]}: reads a datasets configuration with the reader the functions and
 * the job use, and says whether it is valid. Exit 0 when it is; 2, with one line naming the
 * dataset and the field, when it is not.
 */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description =
                "Check a datasets configuration (default: config/datasets.json) as the functions and the job read it.")
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The configuration to check.")
    Path file = DatasetsConfigFile.defaultFile();

    @Override
    public Integer call() {
        DatasetCatalog catalog = DatasetsConfigFile.read(file);
        var names = catalog.all().stream().map(DatasetSpec::name).sorted().toList();
        spec.commandLine()
                .getOut()
                .println(file + ": valid, " + names.size() + (names.size() == 1 ? " dataset" : " datasets") + " ("
                        + String.join(", ", names) + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
