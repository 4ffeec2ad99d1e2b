package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.dataset.BatchPolicy;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The intake-load benchmark ({@code bench/intake-load.sh}, issue 19): 3,000 orders files an hour
 * for two hours and a burst of 5,000 files in one minute, each batched by orders' policy and one
 * execution per file, on EMR Serverless and on Glue; every file through the template's real
 * validate and batcher functions, every execution through the real state machine and its
 * functions, on virtual time ({@link IntakeRun}), against engines with capacity and start latency
 * ({@link EngineProfile}). Prints one line per scenario on standard output; the detail behind each
 * line, and the targets for the batched scenarios, on standard error. {@code --quick}
 * runs each scenario at a tenth of its size; {@code --only=TEXT} the scenarios whose name
 * contains TEXT.
 *
 * <p>Measured (run by the real code): every function's invocations and the AWS requests they make,
 * every state transition, the batches the batcher closes, each file's fate. Modelled: the time a
 * request takes ({@link RequestMeter}), the intake queue's delivery ({@link ModelledIntakeQueue}),
 * the engines ({@link EngineProfile}, {@link CapacityEngine}) and the job's length ({@link JobLength}).
 */
public final class IntakeLoad {

    private static final long SEED = 19;

    private IntakeLoad() {}

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        String only = List.of(args).stream()
                .filter(arg -> arg.startsWith("--only="))
                .map(arg -> arg.substring("--only=".length()))
                .findFirst()
                .orElse("");
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        StackSettings stack = StackSettings.of(template);
        BatchPolicy policy = DatasetCatalog.read(ProjectFiles.root().resolve("config/datasets.json"))
                .named("orders")
                .map(DatasetSpec::batch)
                .orElseThrow(() -> new IllegalStateException("config/datasets.json gives orders no batch policy"));
        System.err.println("intake-load" + (quick ? " --quick" : "") + ": orders batch policy " + policy + "; intake "
                + ModelledIntakeQueue.Settings.of(stack) + "; job " + JobLength.DEFAULT);
        List<String> targets = new ArrayList<>();
        for (IntakeScenario scenario : IntakeScenario.all(quick)) {
            if (!scenario.name().contains(only)) {
                continue;
            }
            ScenarioResult result = IntakeRun.run(scenario, SEED);
            System.out.println(result.line());
            System.out.flush();
            System.err.print(result.detail());
            if (scenario.batched()) {
                targets.add(targets(result, policy, EngineProfile.of(scenario.engine(), stack)));
            }
        }
        System.err.println();
        System.err.println(
                "| scenario | failed = 0 | jobs <= files/50 (steady) | p95 <= bound | transitions/file <= 2 |");
        System.err.println("| --- | --- | --- | --- | --- |");
        targets.forEach(System.err::println);
    }

    /** The targets for a batched scenario, as one Markdown row. */
    private static String targets(ScenarioResult result, BatchPolicy policy, EngineProfile engine) {
        IdealQueue ideal = IdealQueue.of(result.scenario(), policy, engine, JobLength.DEFAULT);
        long bound = ideal.latencyBound(policy).toSeconds();
        double p95 = result.p95LatencySeconds();
        double perFile = (double) result.transitions() / result.files();
        boolean steady = result.scenario().shape().startsWith("steady");
        return String.format(
                Locale.ROOT,
                "| %s | %s (%d) | %s | %s (%.0f s; bound %d s = %d + 2 x %d + %d) | %s (%.2f) |",
                result.scenario().name(),
                mark(result.failed() == 0),
                result.failed(),
                steady
                        ? mark(result.jobs() <= result.files() / 50) + " (" + result.jobs() + " <= "
                                + result.files() / 50 + ")"
                        : "n/a",
                mark(p95 <= bound),
                p95,
                bound,
                policy.maxWaitSeconds(),
                ideal.jobDuration().toSeconds(),
                ideal.forcedQueueWait().toSeconds(),
                mark(perFile <= 2),
                perFile);
    }

    private static String mark(boolean met) {
        return met ? "met" : "NOT met";
    }
}
