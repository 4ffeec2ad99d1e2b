package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DeployRequirements;
import dev.sparkpipeline.core.dataset.DeployRequirements.Unmet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-deploy [--config FILE] [PARAMETER=VALUE...]}: whether the template parameters a
 * deploy passes hold what the engines the datasets can reach need (bin/deploy runs it first). Exit
 * 0 when they do; 2, with one line naming the dataset and the parameter, when they do not.
 */
@Command(
        name = "check-deploy",
        mixinStandardHelpOptions = true,
        description =
                "Check that the template parameters of a deploy meet what the datasets' engines need (EMR: EmrSubnetId).")
final class CheckDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The datasets configuration the deploy packs.")
    Path config = DatasetsConfigFile.defaultFile();

    @Parameters(
            paramLabel = "PARAMETER=VALUE",
            description = "The template parameters the deploy passes (a later one wins); any other takes its default.")
    List<String> overrides = List.of();

    @Override
    public Integer call() {
        DatasetCatalog catalog = DatasetsConfigFile.read(config);
        List<Unmet> unmet = DeployRequirements.unmet(catalog, parameters());
        if (!unmet.isEmpty()) {
            throw new PipelineLocal.UsageError(refusal(unmet));
        }
        spec.commandLine()
                .getOut()
                .println(config + ": ready to deploy; the datasets run on " + reachedEngines(catalog));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new PipelineLocal.UsageError("not a PARAMETER=VALUE: " + override);
            }
            parameters.put(override.substring(0, equals), override.substring(equals + 1));
        }
        return parameters;
    }

    private static String refusal(List<Unmet> unmet) {
        Unmet first = unmet.get(0);
        String sizes =
                first.smallestFile() <= 1 ? "every file" : "files of " + first.smallestFile() + " bytes and more";
        List<String> others = unmet.stream()
                .skip(1)
                .filter(more -> more.parameter().equals(first.parameter()))
                .map(Unmet::dataset)
                .toList();
        String value = first.parameter().equals("EmrSubnetId")
                ? "subnet-... (a subnet tagged for-use-with-amazon-emr-managed-policies=true)"
                : "<value>";
        return "dataset " + first.dataset() + " can run on " + first.engine() + " (" + sizes + ") but "
                + first.parameter() + " is empty: pass " + first.parameter() + "=" + value
                + (others.isEmpty() ? "" : "; datasets " + String.join(", ", others) + " need it too");
    }

    private static String reachedEngines(DatasetCatalog catalog) {
        Set<Engine> engines = new LinkedHashSet<>();
        catalog.all().forEach(dataset -> {
            for (Engine engine : Engine.known()) {
                dataset.smallestFileOn(engine).ifPresent(size -> engines.add(engine));
            }
        });
        return engines.isEmpty()
                ? "no engine"
                : engines.stream().map(Engine::name).collect(Collectors.joining(", "));
    }
}
