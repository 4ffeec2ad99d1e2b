package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.curate.MaintainTables;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.BucketNames;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maintain [--lake DIR] [--dataset D]}: compacts the small files of the lake's tables and
 * expires their old snapshots (Iceberg's {@code rewrite_data_files} and {@code expire_snapshots}),
 * as the curate job does in the cloud after every {@code TableCompactEveryCommits}-th commit, with
 * the template's {@code TableSnapshotRetentionDays}. One local Spark job maintains every table.
 */
@Command(
        name = "maintain",
        mixinStandardHelpOptions = true,
        description = "Compact the lake's tables and expire their old snapshots (what the job does every N commits).")
final class MaintainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--lake",
            defaultValue = ".local-lake",
            description = "The local lake folder (default: ${DEFAULT-VALUE}).")
    Path lakeDir;

    @Option(names = "--dataset", description = "Maintain this dataset's table only (default: every table in the lake).")
    String dataset;

    @Option(names = "--config", description = "The datasets configuration (default: config/datasets.json).")
    Path configFile = DatasetsConfigFile.defaultFile();

    @Option(names = "--template", description = "The SAM template (default: the repository's template.yaml).")
    Path templateFile = RunReport.defaultTemplate();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var datasets = DatasetsConfigFile.read(configFile);
        if (dataset != null && datasets.named(dataset).isEmpty()) {
            throw new PipelineLocal.UsageError("unknown dataset " + dataset + " (see " + configFile + ")");
        }
        var resources = new LocalResources(SamTemplate.read(templateFile));
        LocalLake lake = new LocalLake(lakeDir.toAbsolutePath());
        String curatedBucket = BucketNames.of(resources).curated();
        Path curated = lake.root().resolve(curatedBucket);
        IcebergCatalog catalog = lake.tables(curatedBucket);
        List<String> arguments = new ArrayList<>();
        for (DatasetSpec spec : datasets.all()) {
            boolean named = dataset == null || dataset.equals(spec.name());
            if (named && Files.isDirectory(curated.resolve(spec.name()).resolve("metadata"))) {
                arguments.addAll(List.of("--table", catalog.table(spec.name())));
            }
        }
        if (arguments.isEmpty()) {
            out.println(
                    "No table to maintain in " + curated + (dataset == null ? "" : " for dataset " + dataset) + ".");
            out.flush();
            return 0;
        }
        arguments.addAll(List.of("--snapshot-retention-days", resources.ref("TableSnapshotRetentionDays")));
        Path log = lake.root().resolve("_logs").resolve("jobs").resolve("maintain.log");
        Process process =
                LocalSparkJob.forThisJvm().start(MaintainTables.class.getName(), arguments, catalog.sparkConf(), log);
        int exit = process.waitFor();
        List<String> lines = Files.readAllLines(log);
        lines.stream()
                .filter(line -> line.startsWith(MaintainTables.PREFIX))
                .forEach(line -> out.println(line.substring(MaintainTables.PREFIX.length())));
        out.flush();
        if (exit != 0) {
            spec.commandLine()
                    .getErr()
                    .println("pipeline-local: maintenance failed: "
                            + LocalSparkJob.result(exit, log).failure() + " (log: " + log + ")");
            return 1;
        }
        return 0;
    }
}
