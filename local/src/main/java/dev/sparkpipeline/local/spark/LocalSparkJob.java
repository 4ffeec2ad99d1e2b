package dev.sparkpipeline.local.spark;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.dataset.JobSpec;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.json.ManifestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts the curate job on Spark {@code local[*]} in a child JVM, with the same main class and
 * arguments the engines use, and reads its manifest from its output. The job's deadline is the
 * state machine's: the tracker reports it timed out and the cancel function stops it.
 *
 * <p>Most of a small job's time is the JVM loading Spark's classes. With a class-data archive
 * ({@link #prepareArchive}, made once per build by {@code bin/pipeline-local}) the child JVM maps
 * them instead: a 4-row job takes 9 s instead of 15 s, a 1,000,000-row one 24 s instead of 31 s
 * (docs/benchmarks.md). An archive that does not match the class path is ignored by the JVM.
 */
public final class LocalSparkJob {

    /** The job JVM's heap, in GB. */
    static final int HEAP_GB = 2;

    /** Spark 3.5 on Java 17 reaches into these JDK internals: the root pom's list, as the build wrote it. */
    private static final List<String> JAVA_17_OPENS = SparkJvmFlags.java17Opens();

    /** The system property naming the class-data archive, as {@code bin/pipeline-local} sets it. */
    public static final String ARCHIVE_PROPERTY = "pipeline.sparkArchive";

    private final String classPath;
    private final Path archive;
    private final Path datasetsConfig;
    private final String mainClass;
    /** Where a dataset's own job is found: its entry point is a path in the repository. */
    private final Path root;
    /** Where {@code spark-submit} is looked for, to run a PySpark job: the PATH. */
    private final String searchPath;
    /** Every job this launcher (and its copies) started, so a command can wait for them before it returns. */
    private final List<Started> started;

    /**
     * @param classPath class path holding Spark and the curate job
     * @param archive   the class-data archive for that class path, or null
     */
    public LocalSparkJob(String classPath, Path archive) {
        this(
                classPath,
                archive,
                null,
                CurateJobCall.MAIN_CLASS,
                Path.of(System.getProperty("pipeline.root", ".")),
                System.getenv().getOrDefault("PATH", ""),
                new CopyOnWriteArrayList<>());
    }

    private LocalSparkJob(
            String classPath,
            Path archive,
            Path datasetsConfig,
            String mainClass,
            Path root,
            String searchPath,
            List<Started> started) {
        this.classPath = classPath;
        this.archive = archive;
        this.datasetsConfig = datasetsConfig;
        this.mainClass = mainClass;
        this.root = root;
        this.searchPath = searchPath;
        this.started = started;
    }

    /** The same job reading the datasets of {@code file} ({@code --datasets-config}) instead of the bundled ones. */
    public LocalSparkJob withDatasetsConfig(Path file) {
        return new LocalSparkJob(classPath, archive, file, mainClass, root, searchPath, started);
    }

    /** This launcher running another main class with the job's arguments: for tests of the supervision itself. */
    LocalSparkJob withMainClass(String otherMainClass) {
        return new LocalSparkJob(classPath, archive, datasetsConfig, otherMainClass, root, searchPath, started);
    }

    /**
     * This launcher finding datasets' job files under {@code otherRoot} and {@code spark-submit} in
     * {@code otherPath} (a PATH): for tests of PySpark jobs.
     */
    LocalSparkJob withJobFiles(Path otherRoot, String otherPath) {
        return new LocalSparkJob(classPath, archive, datasetsConfig, mainClass, otherRoot, otherPath, started);
    }

    /**
     * A job this launcher started.
     *
     * @param process the job's JVM
     * @param log     its output
     */
    public record Started(Process process, Path log) {}

    /** The jobs started so far that are still running. */
    public List<Started> running() {
        return started.stream().filter(job -> job.process().isAlive()).toList();
    }

    /** The job on this JVM's own class path, with the archive {@value #ARCHIVE_PROPERTY} names, if any. */
    public static LocalSparkJob forThisJvm() {
        String archive = System.getProperty(ARCHIVE_PROPERTY);
        return new LocalSparkJob(
                System.getProperty("java.class.path"), archive == null || archive.isBlank() ? null : Path.of(archive));
    }

    /** What a finished run left: the manifest it logged (or null) on success, the job's own error otherwise. */
    public record Result(boolean succeeded, String manifest, String failure, Path log) {}

    /**
     * Starts the job in a child JVM writing to {@code log}, without waiting for it.
     *
     * @param sparkConf Spark settings for the job, as an engine gives them (the Iceberg catalog's)
     */
    public Process start(CurateJobCall call, Map<String, String> sparkConf, Path log) {
        JobSpec own = datasets().named(call.dataset()).map(DatasetSpec::job).orElse(JobSpec.CURATE);
        if (own.curate()) {
            return start(mainClass, arguments(call), sparkConf, log);
        }
        List<String> arguments = new ArrayList<>(arguments(call));
        arguments.addAll(own.arguments());
        Map<String, String> conf = new LinkedHashMap<>(own.sparkConf());
        // The pipeline's catalog settings win over the job's own, as on the engines (the catalog's come last there).
        conf.putAll(sparkConf);
        if (own.python()) {
            return startPython(own, arguments, conf, log);
        }
        Path jar = repositoryFile(call.dataset(), own.entryPoint());
        List<String> jvm = new ArrayList<>(properties(conf));
        return start(jvm, jar + java.io.File.pathSeparator + classPath, own.mainClass(), arguments, log);
    }

    /**
     * A PySpark job with the {@code spark-submit} on the PATH, on {@code local[*]} like the JVM jobs;
     * without one it fails at once, saying what to install.
     */
    private Process startPython(JobSpec own, List<String> arguments, Map<String, String> conf, Path log) {
        Path sparkSubmit = Arrays.stream(searchPath.split(java.io.File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "spark-submit"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new InvalidJobConfig("a PySpark job (" + own.entryPoint() + ") runs offline with "
                        + "spark-submit on the PATH: install Apache Spark 3.5 (or pip install 'pyspark==3.5.*')"));
        List<String> command = new ArrayList<>(List.of(
                sparkSubmit.toString(),
                "--master",
                "local[*]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.sql.session.timeZone=UTC"));
        String dataset = arguments.get(arguments.indexOf("--dataset") + 1);
        if (!own.pyFiles().isEmpty()) {
            command.addAll(List.of(
                    "--py-files",
                    String.join(
                            ",",
                            own.pyFiles().stream()
                                    .map(file -> repositoryFile(dataset, file).toString())
                                    .toList())));
        }
        if (!own.archives().isEmpty()) {
            command.addAll(List.of(
                    "--archives",
                    String.join(
                            ",",
                            own.archives().stream()
                                    .map(archiveFile -> archiveFile.contains("#")
                                            ? repositoryFile(
                                                            dataset, archiveFile.substring(0, archiveFile.indexOf('#')))
                                                    + archiveFile.substring(archiveFile.indexOf('#'))
                                            : repositoryFile(dataset, archiveFile)
                                                    .toString())
                                    .toList())));
        }
        conf.forEach((name, value) -> command.addAll(List.of("--conf", name + "=" + value)));
        command.add(repositoryFile(dataset, own.entryPoint()).toString());
        command.addAll(arguments);
        return launch(command, log);
    }

    /**
     * A dataset's job file offline: a path in the repository, which must be there (an {@code s3://}
     * location is the cloud's: offline the job names its file in the repository).
     */
    private Path repositoryFile(String dataset, String location) {
        if (location.startsWith("s3://")) {
            throw new InvalidJobConfig("dataset " + dataset + "'s job names " + location
                    + ": offline a job's files are paths in the repository");
        }
        Path file = root.resolve(location).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new InvalidJobConfig("dataset " + dataset + "'s job file " + location + " is not in " + root
                    + ": build it first (an example job: ./mvnw -B -o package -pl jobs/examples/daily-totals -am)");
        }
        return file;
    }

    private DatasetCatalog datasets() {
        return datasetsConfig == null ? DatasetCatalog.bundled() : DatasetCatalog.read(datasetsConfig);
    }

    /**
     * Starts another of the job jar's entry points ({@code MaintainTables}) in a child JVM like the
     * job's, writing to {@code log}, without waiting for it.
     */
    public Process start(String otherMainClass, List<String> arguments, Map<String, String> sparkConf, Path log) {
        List<String> jvm = new ArrayList<>();
        if (archive != null && Files.isReadable(archive)) {
            jvm.add("-XX:SharedArchiveFile=" + archive);
        }
        jvm.addAll(properties(sparkConf));
        return start(jvm, classPath, otherMainClass, arguments, log);
    }

    /** Spark reads {@code spark.*} system properties as its configuration, as spark-submit's {@code --conf} sets them. */
    private static List<String> properties(Map<String, String> sparkConf) {
        List<String> properties = new ArrayList<>();
        sparkConf.forEach((name, value) -> properties.add("-D" + name + "=" + value));
        return properties;
    }

    private List<String> arguments(CurateJobCall call) {
        return datasetsConfig == null
                ? call.arguments()
                : call.arguments(datasetsConfig.toUri().toString());
    }

    /**
     * Runs the job once on {@code sample} and has the JVM write, at its exit, the archive of the
     * classes it loaded; the archive replaces any earlier one only when the run succeeded.
     *
     * @return true when the archive was written
     */
    public boolean prepareArchive(Path sample, Path work) throws InterruptedException {
        if (archive == null) {
            throw new IllegalStateException("no archive path: set -D" + ARCHIVE_PROPERTY);
        }
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Files.deleteIfExists(partial);
            var call = new CurateJobCall(
                    sample.toUri().toString(), work.resolve("curated").toUri() + "/", "orders", "prepare", Map.of());
            List<String> jvm = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + partial));
            jvm.addAll(properties(
                    IcebergCatalog.hadoop(work.resolve("curated").toUri().toString())
                            .sparkConf()));
            Process process = start(jvm, classPath, mainClass, arguments(call), work.resolve("prepare.log"));
            if (process.waitFor() != 0 || !Files.isRegularFile(partial)) {
                return false;
            }
            Files.move(partial, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the class-data archive " + archive, e);
        }
    }

    private Process start(List<String> jvm, String jobClassPath, String main, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(JAVA_17_OPENS);
        command.addAll(List.of(
                "-Xmx" + HEAP_GB + "g",
                "-XX:+UseParallelGC",
                "-Dspark.master=local[*]",
                "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=4",
                "-Dspark.sql.session.timeZone=UTC",
                "-Duser.timezone=UTC",
                "-cp",
                jobClassPath,
                RunnerWatchdog.class.getName(),
                main));
        command.addAll(arguments);
        return launch(command, log);
    }

    /** Starts {@code command} writing to {@code log}, stopped with this JVM. */
    private Process launch(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // The job's standard input stays open and unwritten: it closes when this JVM ends, however
            // it ends, and the job's RunnerWatchdog then stops the job.
            started.add(new Started(process, log));
            // A job never outlives a runner that exits or is stopped (Ctrl-C, SIGTERM): nobody would record what it
            // writes. The hook stops it at once; the watchdog covers the deaths that run no hook (kill -9, a crash).
            Thread stop = new Thread(
                    () -> {
                        if (process.isAlive()) {
                            process.destroyForcibly();
                        }
                    },
                    "stop-local-job");
            Runtime.getRuntime().addShutdownHook(stop);
            // A job that ended needs no hook: a long-lived runner (the tests) would gather one per job.
            var unused = process.onExit().thenRun(() -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to: nothing to remove.
                }
            });
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the curate job", e);
        }
    }

    /** What a finished job left in its log. */
    public static Result result(int exitCode, Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            String manifest = ManifestJson.lastLogged(lines).orElse(null);
            // A job that ended well succeeded, manifest or not: Publish reads the manifest where the contract
            // puts it, and a job that left none fails there as PublishFailed, naming the missing file.
            if (exitCode == 0) {
                return new Result(true, manifest, null, log);
            }
            return new Result(false, null, failureOf(lines, exitCode), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the curate job's log " + log, e);
        }
    }

    /**
     * The job's own words: the uncaught exception's first meaningful line, not a stack trace. Spark
     * puts some messages on the line after the exception's name (which then ends with a colon).
     */
    static String failureOf(List<String> lines, int exitCode) {
        String marker = "Exception in thread \"main\" ";
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf(marker);
            if (at < 0) {
                continue;
            }
            String first = lines.get(i).substring(at + marker.length()).strip();
            if (!first.endsWith(":")) {
                return first;
            }
            for (int j = i + 1; j < lines.size() && !lines.get(j).strip().startsWith("at "); j++) {
                if (!lines.get(j).isBlank()) {
                    return first + " " + lines.get(j).strip();
                }
            }
            return first;
        }
        return "the curate job exited with code " + exitCode;
    }
}
