package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DeployRequirements;
import dev.sparkpipeline.core.dataset.DeployRequirements.Unmet;
import dev.sparkpipeline.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    @Option(names = "--template", paramLabel = "FILE", description = "The SAM template the deploy deploys.")
    Path template = RunReport.defaultTemplate();

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
        refuseUndeclared(parameters.keySet());
        return parameters;
    }

    /** Parameters the template's earlier versions had, and where their settings live now. */
    private static final Map<String, String> RETIRED = Map.of(
            "EmrInstanceType", "a dataset's profiles.emr sizes its clusters (config/datasets.json)",
            "EmrStepConcurrencyLevel", "a dataset's profiles.emr.stepConcurrencyLevel sets it (config/datasets.json)");

    /**
     * A parameter the template does not declare makes CloudFormation refuse the whole deploy, after
     * the build and upload: refused here first, naming the one meant when only its case differs.
     */
    private void refuseUndeclared(Set<String> given) {
        Map<String, Object> declared =
                SamTemplate.read(template).root().get("Parameters") instanceof Map<?, ?> parameters
                        ? parameters.entrySet().stream()
                                .collect(Collectors.toMap(entry -> String.valueOf(entry.getKey()), Map.Entry::getValue))
                        : Map.of();
        for (String name : given) {
            if (declared.containsKey(name)) {
                continue;
            }
            String hint = declared.keySet().stream()
                    .filter(known -> known.equalsIgnoreCase(name))
                    .findFirst()
                    .map(known -> " (did you mean " + known + "?)")
                    .orElseGet(() -> RETIRED.containsKey(name) ? ": it is gone, " + RETIRED.get(name) : "");
            throw new PipelineLocal.UsageError(name + " is not a parameter of " + template.getFileName() + hint
                    + "; CloudFormation would refuse the deploy");
        }
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
        // In the described engines' order, whatever order the datasets come in.
        List<Engine> engines = Engine.known().stream()
                .filter(engine -> catalog.all().stream()
                        .anyMatch(dataset -> dataset.smallestFileOn(engine).isPresent()))
                .toList();
        return engines.isEmpty()
                ? "no engine"
                : engines.stream().map(Engine::name).collect(Collectors.joining(", "));
    }
}
