package dev.sparkpipeline.core.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.profile.EmrProfile;
import dev.sparkpipeline.core.dataset.profile.EngineProfiles;
import dev.sparkpipeline.core.dataset.profile.GlueProfile;
import dev.sparkpipeline.core.dataset.profile.InstanceFleet;
import dev.sparkpipeline.core.dataset.profile.ServerlessProfile;
import dev.sparkpipeline.core.engine.CurateJobCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets of {@code config/datasets.json}, each with the file's {@code defaults} applied,
 * and the routing of a landed key to its dataset (longest matching prefix wins).
 *
 * <p>The one reader of that file, and a strict one: an unknown or misspelt field, an unknown
 * type, a key or partition column that is not a column, a value out of its range, each fail
 * with {@link InvalidDatasetConfig} naming the dataset and the field. The README's
 * "Configuration" section lists every field.
 */
public final class DatasetCatalog {

    /** Where the functions and the job find the config: bundled into pipeline-core's jar. */
    public static final String RESOURCE = "/config/datasets.json";

    /** The lineage partition column a dataset may partition by without declaring it. */
    public static final String INGEST_DATE = "ingest_date";

    /** Fields a dataset may set, or inherit from {@code defaults}. */
    private static final List<String> DEFAULTABLE = List.of(
            "formats",
            "gzip",
            "minBytes",
            "maxBytes",
            "csv",
            "engine",
            "timeoutMinutes",
            "maxErrorRatio",
            "partitionBy",
            "encoding",
            "invalidEncoding",
            "extraColumns",
            "dedupe",
            "decimalSeparator",
            "thousandsSeparator",
            "timeZone",
            "maxRecordBytes",
            "maxNestingDepth",
            "profiles");

    private static final List<String> DATASET_ONLY =
            List.of("prefix", "columns", "key", "orderBy", "engineBySize", "batch", "job");
    private static final List<String> JOB_FIELDS =
            List.of("entryPoint", "mainClass", "pyFiles", "archives", "arguments", "sparkConf");
    private static final List<String> BATCH_FIELDS = List.of("maxFiles", "maxBytes", "maxWaitSeconds");
    private static final List<String> COLUMN_FIELDS = List.of("name", "type", "required", "format", "timeZone");
    private static final List<String> CSV_FIELDS = List.of("delimiter", "quote");
    private static final List<String> THRESHOLD_FIELDS = List.of("minBytes", "engine");
    private static final List<String> PROFILE_ENGINES = List.of("emrServerless", "glue", "emr");
    private static final List<String> SERVERLESS_FIELDS =
            List.of("driver", "executor", "executors", "retryPolicy", "executionIamPolicy");
    private static final List<String> WORKER_FIELDS = List.of("cores", "memory", "disk");
    private static final List<String> EXECUTORS_FIELDS = List.of("min", "max", "initial");
    private static final List<String> RETRY_FIELDS = List.of("maxAttempts", "maxFailedAttemptsPerHour");
    private static final List<String> IAM_POLICIES = List.of("role", "dataset");
    private static final List<String> GLUE_FIELDS =
            List.of("workerType", "numberOfWorkers", "autoScaling", "executionClass", "jobParameters");
    private static final List<String> EMR_FIELDS = List.of(
            "fleets",
            "managedScaling",
            "bootstrapActions",
            "configurations",
            "idleTimeoutSeconds",
            "stepConcurrencyLevel",
            "ebsRootVolumeSizeGb");
    private static final List<String> FLEET_ROLES = List.of("primary", "core", "task");
    private static final List<String> FLEET_FIELDS = List.of("instanceTypes", "onDemand", "spot", "spotTimeoutMinutes");
    private static final List<String> INSTANCE_TYPE_FIELDS = List.of("type", "weight", "ebs");
    private static final List<String> EBS_FIELDS = List.of("volumeType", "sizeGb", "count");
    private static final List<String> EBS_VOLUME_TYPES = List.of("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard");
    private static final List<String> SCALING_FIELDS =
            List.of("minimumUnits", "maximumUnits", "maximumOnDemandUnits", "maximumCoreUnits");
    private static final List<String> BOOTSTRAP_FIELDS = List.of("name", "path", "args");
    private static final List<String> CLASSIFICATION_FIELDS = List.of("classification", "properties");
    private static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;
    private static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;
    private static final int MAX_NESTING_DEPTH = 1000;

    private final Map<String, DatasetSpec> byName;

    public DatasetCatalog(Collection<DatasetSpec> datasets) {
        Map<String, DatasetSpec> map = new LinkedHashMap<>();
        datasets.forEach(spec -> map.put(spec.name(), spec));
        this.byName = Map.copyOf(map);
    }

    /** The catalog bundled with this build: what the deployed functions and job read. */
    public static DatasetCatalog bundled() {
        try (InputStream in = DatasetCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new InvalidDatasetConfig(RESOURCE + " is not on the class path");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new InvalidDatasetConfig("cannot read " + RESOURCE, e);
        }
    }

    /** The catalog in a file; an unreadable file is an {@link InvalidDatasetConfig} too. */
    public static DatasetCatalog read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidDatasetConfig("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes);
    }

    /** Parses a config document. */
    public static DatasetCatalog parse(byte[] json) {
        Map<String, Object> root;
        try {
            try (JsonParser parser = new JsonFactory().createParser(json)) {
                root = JSON.std.mapFrom(parser);
                if (parser.nextToken() != null) {
                    throw new InvalidDatasetConfig("datasets config has text after its JSON object (line "
                            + parser.currentLocation().getLineNr() + ")");
                }
            }
        } catch (IOException e) {
            throw new InvalidDatasetConfig("datasets config is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null) {
            throw new InvalidDatasetConfig("datasets config must be a JSON object with defaults and datasets");
        }
        ConfigNode top = new ConfigNode("", root, List.of("defaults", "datasets"));
        ConfigNode defaults =
                new ConfigNode("defaults", map(root.getOrDefault("defaults", Map.of()), "defaults"), DEFAULTABLE);
        Map<String, Object> datasets = map(root.get("datasets"), "datasets");
        if (datasets.isEmpty()) {
            throw new InvalidDatasetConfig("datasets must name at least one dataset");
        }
        top.checkFields();
        defaults.checkFields();
        List<DatasetSpec> specs = new ArrayList<>();
        Map<String, String> prefixes = new LinkedHashMap<>();
        datasets.forEach((name, value) -> {
            List<String> allowed = new ArrayList<>(DATASET_ONLY);
            allowed.addAll(DEFAULTABLE);
            ConfigNode node = new ConfigNode("datasets." + name, map(value, "datasets." + name), allowed);
            node.checkFields();
            DatasetSpec spec = spec(name, node, defaults);
            String other = prefixes.putIfAbsent(spec.prefix(), name);
            if (other != null) {
                throw new InvalidDatasetConfig("datasets." + name + ".prefix: " + spec.prefix() + " is datasets."
                        + other + "'s prefix too (a landed key needs one dataset)");
            }
            specs.add(spec);
        });
        return new DatasetCatalog(specs);
    }

    /** Every dataset. */
    public Collection<DatasetSpec> all() {
        return byName.values();
    }

    /** A dataset by name. */
    public Optional<DatasetSpec> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The dataset whose prefix starts this key (the longest such prefix), if any. */
    public Optional<DatasetSpec> forKey(String key) {
        return byName.values().stream()
                .filter(spec -> key.startsWith(spec.prefix()))
                .max(Comparator.comparingInt(spec -> spec.prefix().length()));
    }

    private static DatasetSpec spec(String name, ConfigNode node, ConfigNode defaults) {
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new InvalidDatasetConfig("datasets." + name + ": a dataset name is lower case letters, digits and _, "
                    + "at most 64 (it names a table)");
        }
        String prefix = node.string("prefix", null);
        if (prefix == null || !prefix.endsWith("/") || prefix.length() < 2) {
            throw new InvalidDatasetConfig(node.path() + ".prefix must be a key prefix ending in /");
        }
        Set<DataFormat> formats = EnumSet.noneOf(DataFormat.class);
        for (Object format : node.list("formats", defaults)) {
            formats.add(DataFormat.fromConfigName(String.valueOf(format))
                    .orElseThrow(() -> new InvalidDatasetConfig(
                            node.path() + ".formats: unknown format " + format + " (csv, jsonl, json, parquet)")));
        }
        if (formats.isEmpty()) {
            throw new InvalidDatasetConfig(node.path() + ".formats must name at least one format");
        }
        long minBytes = node.integer("minBytes", defaults, 1, Long.MAX_VALUE);
        long maxBytes = node.integer("maxBytes", defaults, 1, Long.MAX_VALUE);
        if (maxBytes < minBytes) {
            throw new InvalidDatasetConfig(node.path() + ": need minBytes <= maxBytes");
        }
        RowRules rows = rowRules(node, defaults);
        List<ColumnSpec> columns = columns(node, rows);
        Set<String> declared = new LinkedHashSet<>();
        columns.forEach(column -> declared.add(column.name()));
        List<String> key = names(node, "key", node.optionalList("key"), declared, false);
        for (String keyColumn : key) {
            if (columns.stream().anyMatch(column -> column.name().equals(keyColumn) && !column.required())) {
                throw new InvalidDatasetConfig(node.path() + ".key: column " + keyColumn
                        + " must be required (a row without its key " + "cannot be told from another)");
            }
        }
        String orderBy = node.string("orderBy", null);
        if (orderBy != null) {
            names(node, "orderBy", List.of(orderBy), declared, false);
            if (key.isEmpty()) {
                throw new InvalidDatasetConfig(node.path() + ".orderBy orders the rows of one key: it needs a key");
            }
        }
        List<String> partitionBy = partitionBy(node, node.list("partitionBy", defaults), columns);
        List<SizeThreshold> bySize = new ArrayList<>();
        List<Object> thresholds = node.optionalList("engineBySize");
        for (int i = 0; i < thresholds.size(); i++) {
            String path = node.path() + ".engineBySize[" + i + "]";
            ConfigNode t = new ConfigNode(path, map(thresholds.get(i), path), THRESHOLD_FIELDS);
            t.checkFields();
            bySize.add(new SizeThreshold(t.integer("minBytes", null, 1, Long.MAX_VALUE), engine(t, "engine", null)));
        }
        ConfigNode csvNode = new ConfigNode(
                node.path() + ".csv", map(node.value("csv", defaults), node.path() + ".csv"), CSV_FIELDS);
        csvNode.checkFields();
        CsvOptions csv = new CsvOptions(csvNode.asciiCharacter("delimiter"), csvNode.asciiCharacter("quote"));
        if (csv.delimiter() == csv.quote()) {
            throw new InvalidDatasetConfig(csvNode.path() + ": delimiter and quote must differ");
        }
        Engine engine = engine(node, "engine", defaults);
        JobSpec job = job(node, engine, bySize);
        double maxErrorRatio = node.number("maxErrorRatio", defaults).doubleValue();
        if (!(maxErrorRatio >= 0 && maxErrorRatio <= 1)) {
            throw new InvalidDatasetConfig(node.path() + ".maxErrorRatio must be between 0 and 1");
        }
        return new DatasetSpec(
                name,
                prefix,
                formats,
                node.bool("gzip", defaults),
                minBytes,
                maxBytes,
                csv,
                columns,
                key,
                orderBy,
                partitionBy,
                maxErrorRatio,
                engine,
                bySize,
                (int) node.integer("timeoutMinutes", defaults, 1, MAX_TIMEOUT_MINUTES),
                rows,
                batch(node),
                job,
                profiles(
                        node.path() + ".profiles",
                        node.fields().get("profiles"),
                        defaults.fields().get("profiles")));
    }

    /**
     * The dataset's own Spark application, or the curate job when it names none. A JAR needs its
     * main class; a {@code .py} takes none, and may bring Python files and archives. A PySpark job
     * cannot run on Glue: the stack's Glue job runs one Scala script (docs/job-contract.md).
     */
    private static JobSpec job(ConfigNode node, Engine engine, List<SizeThreshold> bySize) {
        if (!node.has("job")) {
            return JobSpec.CURATE;
        }
        String path = node.path() + ".job";
        ConfigNode job = new ConfigNode(path, map(node.value("job", null), path), JOB_FIELDS);
        job.checkFields();
        String entryPoint = location(job, "entryPoint", job.string("entryPoint", null));
        if (entryPoint == null) {
            throw new InvalidDatasetConfig(path + ".entryPoint is required: the job's .jar or .py (an s3:// URI or a "
                    + "path in the repository)");
        }
        String mainClass = job.string("mainClass", null);
        List<String> pyFiles = locations(job, "pyFiles");
        List<String> archives = locations(job, "archives");
        if (entryPoint.endsWith(".jar")) {
            if (mainClass == null) {
                throw new InvalidDatasetConfig(path + ".mainClass is required for a JAR (" + entryPoint + ")");
            }
            if (!mainClass.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
                throw new InvalidDatasetConfig(path + ".mainClass: " + mainClass + " is not a class name");
            }
            if (!pyFiles.isEmpty() || !archives.isEmpty()) {
                throw new InvalidDatasetConfig(path + ": pyFiles and archives are for a PySpark job, not a JAR");
            }
        } else if (entryPoint.endsWith(".py")) {
            if (mainClass != null) {
                throw new InvalidDatasetConfig(
                        path + ".mainClass: a PySpark job (" + entryPoint + ") has no main class; leave mainClass out");
            }
            if (engines(engine, bySize).contains(Engine.GLUE)) {
                throw new InvalidDatasetConfig(path + ": a PySpark job cannot run on GLUE (the stack's Glue job runs "
                        + "one Scala script, fixed at job level): run the dataset on EMR_SERVERLESS or EMR");
            }
        } else {
            throw new InvalidDatasetConfig(path + ".entryPoint: " + entryPoint + " is neither a .jar nor a .py");
        }
        List<String> arguments = new ArrayList<>();
        for (Object argument : job.optionalList("arguments")) {
            if (!(argument instanceof String text)) {
                throw new InvalidDatasetConfig(path + ".arguments must be a list of strings");
            }
            String name = text.startsWith("--") ? text.substring(2).toLowerCase(Locale.ROOT) : null;
            if (name != null && CurateJobCall.RESERVED.contains(name)) {
                throw new InvalidDatasetConfig(path + ".arguments: " + text + " is the pipeline's own argument "
                        + "(the job contract sets it)");
            }
            arguments.add(text);
        }
        if (engines(engine, bySize).contains(Engine.GLUE) && !pairs(arguments)) {
            throw new InvalidDatasetConfig(
                    path + ".arguments must be --name value pairs on GLUE (a run's arguments are " + "a map there): "
                            + arguments);
        }
        Map<String, String> sparkConf = new LinkedHashMap<>();
        if (job.has("sparkConf")) {
            map(job.value("sparkConf", null), path + ".sparkConf").forEach((name, value) -> {
                if (!name.startsWith("spark.")) {
                    throw new InvalidDatasetConfig(
                            path + ".sparkConf." + name + ": a Spark property starts with spark.");
                }
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw new InvalidDatasetConfig(
                            path + ".sparkConf." + name + " must be a string, a number or true or false");
                }
                sparkConf.put(name, String.valueOf(value));
            });
        }
        return new JobSpec(entryPoint, mainClass, pyFiles, archives, arguments, sparkConf);
    }

    /** Every engine a dataset's files may run on. */
    private static List<Engine> engines(Engine engine, List<SizeThreshold> bySize) {
        List<Engine> engines = new ArrayList<>(List.of(engine));
        bySize.forEach(threshold -> engines.add(threshold.engine()));
        return engines;
    }

    /** Whether {@code arguments} are {@code --name value} pairs. */
    private static boolean pairs(List<String> arguments) {
        if (arguments.size() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < arguments.size(); i += 2) {
            if (!arguments.get(i).startsWith("--") || arguments.get(i + 1).startsWith("--")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> locations(ConfigNode job, String field) {
        List<String> locations = new ArrayList<>();
        List<Object> values = job.optionalList(field);
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof String text)) {
                throw new InvalidDatasetConfig(job.path() + "." + field + " must be a list of strings");
            }
            locations.add(location(job, field + "[" + i + "]", text));
        }
        return locations;
    }

    /**
     * An {@code s3://bucket/key} URI, or a path in the repository (relative, without {@code ..}):
     * the same key in the artifacts bucket in the cloud.
     */
    private static String location(ConfigNode job, String field, String text) {
        if (text == null) {
            return null;
        }
        boolean s3 = text.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\\S+");
        boolean repository = !text.isBlank()
                && !text.contains("://")
                && !text.startsWith("/")
                && !text.contains("\\")
                && Arrays.stream(text.split("/")).noneMatch(part -> part.equals("..") || part.isEmpty());
        if (!s3 && !repository) {
            throw new InvalidDatasetConfig(job.path() + "." + field + ": " + text
                    + " is neither an s3://bucket/key URI " + "nor a path in the repository (relative, without ..)");
        }
        if (repository && !text.startsWith("jobs/")) {
            // bin/deploy uploads it to the same key, and the job role reads the artifacts bucket's jobs/ alone.
            throw new InvalidDatasetConfig(
                    job.path() + "." + field + ": " + text + " is outside jobs/: a job's files in "
                            + "the repository live under jobs/ (the job role reads the artifacts bucket's jobs/ only)");
        }
        return text;
    }

    /** The dataset's batching: absent or {@code false} means one execution per landed file. */
    private static BatchPolicy batch(ConfigNode node) {
        if (!node.fields().containsKey("batch")
                || Boolean.FALSE.equals(node.fields().get("batch"))) {
            return null;
        }
        String path = node.path() + ".batch";
        ConfigNode batch = new ConfigNode(path, map(node.value("batch", null), path), BATCH_FIELDS);
        batch.checkFields();
        return new BatchPolicy(
                (int) batch.optionalInteger("maxFiles", null, BatchPolicy.DEFAULT_MAX_FILES, 1, BatchPolicy.MOST_FILES),
                batch.optionalInteger("maxBytes", null, BatchPolicy.DEFAULT_MAX_BYTES, 1, Long.MAX_VALUE),
                (int) batch.optionalInteger(
                        "maxWaitSeconds",
                        null,
                        BatchPolicy.DEFAULT_MAX_WAIT_SECONDS,
                        0,
                        BatchPolicy.LONGEST_WAIT_SECONDS));
    }

    /**
     * The dataset's engine profiles: its own {@code profiles} over the defaults' one, objects merged
     * field by field (a list or a value replaces the default's), then read strictly.
     */
    private static EngineProfiles profiles(String path, Object own, Object fallback) {
        if (own == null && fallback == null) {
            return EngineProfiles.DEFAULT;
        }
        Object merged = merge(fallback == null ? null : map(fallback, "defaults.profiles"), own);
        ConfigNode node = new ConfigNode(path, map(merged, path), PROFILE_ENGINES);
        node.checkFields();
        return new EngineProfiles(
                node.has("emrServerless")
                        ? serverless(node.child("emrServerless", SERVERLESS_FIELDS))
                        : ServerlessProfile.DEFAULT,
                node.has("glue") ? glue(node.child("glue", GLUE_FIELDS)) : GlueProfile.DEFAULT,
                node.has("emr") ? emr(node.child("emr", EMR_FIELDS)) : EmrProfile.DEFAULT);
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object base, Object over) {
        if (base instanceof Map<?, ?> baseMap && over instanceof Map<?, ?> overMap) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) baseMap);
            ((Map<String, Object>) overMap)
                    .forEach((field, value) -> merged.put(field, merge(merged.get(field), value)));
            return merged;
        }
        return over == null ? base : over;
    }

    private static ServerlessProfile serverless(ConfigNode node) {
        ServerlessProfile.Worker driver =
                node.has("driver") ? worker(node.child("driver", WORKER_FIELDS)) : ServerlessProfile.Worker.NONE;
        ServerlessProfile.Worker executor =
                node.has("executor") ? worker(node.child("executor", WORKER_FIELDS)) : ServerlessProfile.Worker.NONE;
        Integer min = null;
        Integer max = null;
        Integer initial = null;
        if (node.has("executors")) {
            ConfigNode executors = node.child("executors", EXECUTORS_FIELDS);
            min = executors.optionalInt("min", 0, 10_000);
            max = executors.optionalInt("max", 1, 10_000);
            initial = executors.optionalInt("initial", 0, 10_000);
            if (min != null && max != null && min > max) {
                throw new InvalidDatasetConfig(executors.path() + ": need min <= max");
            }
            if (initial != null && ((min != null && initial < min) || (max != null && initial > max))) {
                throw new InvalidDatasetConfig(executors.path() + ".initial must be between min and max");
            }
        }
        Integer attempts = null;
        Integer perHour = null;
        if (node.has("retryPolicy")) {
            ConfigNode retry = node.child("retryPolicy", RETRY_FIELDS);
            // EMR Serverless: maxAttempts 1 to 10 for batch jobs; maxFailedAttemptsPerHour is for streaming jobs.
            attempts = retry.optionalInt("maxAttempts", 1, 10);
            perHour = retry.optionalInt("maxFailedAttemptsPerHour", 1, 1000);
        }
        String policy = node.has("executionIamPolicy") ? node.string("executionIamPolicy", null) : "role";
        if (!IAM_POLICIES.contains(policy)) {
            throw new InvalidDatasetConfig(node.path() + ".executionIamPolicy: unknown value " + policy
                    + suggestion(policy, IAM_POLICIES) + " (role: the job role's own permissions; dataset: narrowed to "
                    + "the dataset's landing prefix, curated prefix and table)");
        }
        return new ServerlessProfile(driver, executor, min, max, initial, attempts, perHour, policy.equals("dataset"));
    }

    private static ServerlessProfile.Worker worker(ConfigNode node) {
        Integer cores = node.optionalInt("cores", 1, 16);
        if (cores != null && Integer.bitCount(cores) != 1) {
            throw new InvalidDatasetConfig(
                    node.path() + ".cores must be 1, 2, 4, 8 or 16 (EMR Serverless worker sizes)");
        }
        return new ServerlessProfile.Worker(cores, size(node, "memory"), size(node, "disk"));
    }

    /** A Spark size ({@code 8g}, {@code 512m}). */
    private static String size(ConfigNode node, String field) {
        String value = node.has(field) ? node.string(field, null) : null;
        if (value != null && !value.matches("[1-9][0-9]*[mMgG]")) {
            throw new InvalidDatasetConfig(node.path() + "." + field + " must be a size as Spark writes it (8g, 512m)");
        }
        return value;
    }

    private static GlueProfile glue(ConfigNode node) {
        String workerType = node.has("workerType") ? node.string("workerType", null) : null;
        if (workerType != null && !GlueProfile.WORKER_TYPES.contains(workerType)) {
            throw new InvalidDatasetConfig(node.path() + ".workerType: unknown worker type " + workerType
                    + suggestion(workerType, GlueProfile.WORKER_TYPES) + " ("
                    + String.join(", ", GlueProfile.WORKER_TYPES) + ")");
        }
        // Glue: 2 to 299 workers for G.1X and G.2X (fewer for the larger types); at least 2 (a driver and an executor).
        Integer workers = node.optionalInt("numberOfWorkers", 2, 299);
        String executionClass = node.has("executionClass") ? node.string("executionClass", null) : "STANDARD";
        if (!List.of("STANDARD", "FLEX").contains(executionClass)) {
            throw new InvalidDatasetConfig(node.path() + ".executionClass must be STANDARD or FLEX");
        }
        if (executionClass.equals("FLEX")
                && workerType != null
                && !List.of("G.1X", "G.2X").contains(workerType)) {
            throw new InvalidDatasetConfig(node.path() + ".executionClass FLEX runs G.1X and G.2X workers only");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (node.has("jobParameters")) {
            String path = node.path() + ".jobParameters";
            map(node.value("jobParameters", null), path).forEach((name, value) -> {
                if (!name.startsWith("--") || name.length() < 3) {
                    throw new InvalidDatasetConfig(path + "." + name + ": a Glue job parameter is named --name");
                }
                String bare = name.substring(2);
                if (GlueProfile.RESERVED.stream().anyMatch(reserved -> reserved.equalsIgnoreCase(name))
                        || dev.sparkpipeline.core.engine.CurateJobCall.RESERVED.contains(bare)) {
                    throw new InvalidDatasetConfig(path + "." + name + " is reserved: Glue or the pipeline sets it"
                            + " (workers, scaling and execution class are this profile's own fields)");
                }
                if (!(value instanceof String text)) {
                    throw new InvalidDatasetConfig(path + "." + name + " must be a string");
                }
                parameters.put(name, text);
            });
        }
        return new GlueProfile(
                workerType, workers, node.bool("autoScaling", false), executionClass.equals("FLEX"), parameters);
    }

    private static EmrProfile emr(ConfigNode node) {
        List<InstanceFleet> fleets = EmrProfile.DEFAULT.fleets();
        if (node.has("fleets")) {
            ConfigNode byRole = node.child("fleets", FLEET_ROLES);
            fleets = new ArrayList<>();
            for (InstanceFleet.Role role : InstanceFleet.Role.values()) {
                if (byRole.has(role.configName())) {
                    fleets.add(fleet(role, byRole.child(role.configName(), FLEET_FIELDS)));
                } else if (role != InstanceFleet.Role.TASK) {
                    throw new InvalidDatasetConfig(byRole.path() + "." + role.configName() + " is required");
                }
            }
        }
        EmrProfile.ManagedScaling scaling = null;
        if (node.has("managedScaling")) {
            ConfigNode limits = node.child("managedScaling", SCALING_FIELDS);
            int min = (int) limits.integer("minimumUnits", null, 1, 2000);
            int max = (int) limits.integer("maximumUnits", null, 1, 2000);
            Integer onDemand = limits.optionalInt("maximumOnDemandUnits", 0, 2000);
            Integer core = limits.optionalInt("maximumCoreUnits", 1, 2000);
            if (min > max || (onDemand != null && onDemand > max) || (core != null && core > max)) {
                throw new InvalidDatasetConfig(limits.path() + ": need minimumUnits, maximumOnDemandUnits and "
                        + "maximumCoreUnits each <= maximumUnits");
            }
            scaling = new EmrProfile.ManagedScaling(min, max, onDemand, core);
        }
        List<EmrProfile.BootstrapAction> actions = new ArrayList<>();
        List<Object> listed = node.optionalList("bootstrapActions");
        for (int i = 0; i < listed.size(); i++) {
            String path = node.path() + ".bootstrapActions[" + i + "]";
            ConfigNode action = new ConfigNode(path, map(listed.get(i), path), BOOTSTRAP_FIELDS);
            action.checkFields();
            String name = action.string("name", null);
            String script = action.string("path", null);
            if (name == null || name.isBlank()) {
                throw new InvalidDatasetConfig(path + ".name is required");
            }
            if (script == null || !script.startsWith("s3://")) {
                throw new InvalidDatasetConfig(path + ".path must be the script's s3:// URI");
            }
            actions.add(new EmrProfile.BootstrapAction(name, script, strings(action, "args")));
        }
        List<EmrProfile.Classification> configurations = new ArrayList<>();
        listed = node.optionalList("configurations");
        for (int i = 0; i < listed.size(); i++) {
            String path = node.path() + ".configurations[" + i + "]";
            ConfigNode entry = new ConfigNode(path, map(listed.get(i), path), CLASSIFICATION_FIELDS);
            entry.checkFields();
            String classification = entry.string("classification", null);
            if (classification == null || classification.isBlank()) {
                throw new InvalidDatasetConfig(path + ".classification is required (spark-defaults, spark-env ...)");
            }
            if (classification.equals("iceberg-defaults")) {
                throw new InvalidDatasetConfig(
                        path + ": iceberg-defaults is the pipeline's own (the job commits " + "through EMR's Iceberg)");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            if (entry.has("properties")) {
                map(entry.value("properties", null), path + ".properties").forEach((name, value) -> {
                    if (!(value instanceof String text)) {
                        throw new InvalidDatasetConfig(path + ".properties." + name + " must be a string");
                    }
                    properties.put(name, text);
                });
            }
            configurations.add(new EmrProfile.Classification(classification, properties));
        }
        Integer root = node.optionalInt("ebsRootVolumeSizeGb", 15, 100);
        return new EmrProfile(
                fleets,
                scaling,
                actions,
                configurations,
                (int) node.optionalInteger(
                        "idleTimeoutSeconds", null, EmrProfile.DEFAULT.idleTimeoutSeconds(), 60, 604_800),
                (int) node.optionalInteger("stepConcurrencyLevel", null, 1, 1, 256),
                root);
    }

    private static InstanceFleet fleet(InstanceFleet.Role role, ConfigNode node) {
        List<Object> listed = node.optionalList("instanceTypes");
        if (listed.isEmpty()) {
            throw new InvalidDatasetConfig(node.path() + ".instanceTypes must list at least one instance type");
        }
        // EMR: up to 30 instance types per fleet with an allocation strategy; the primary fleet takes up to 5.
        int most = role == InstanceFleet.Role.MASTER ? 5 : 30;
        if (listed.size() > most) {
            throw new InvalidDatasetConfig(node.path() + ".instanceTypes lists " + listed.size() + "; at most " + most);
        }
        List<InstanceFleet.InstanceType> types = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String path = node.path() + ".instanceTypes[" + i + "]";
            ConfigNode type = new ConfigNode(path, map(listed.get(i), path), INSTANCE_TYPE_FIELDS);
            type.checkFields();
            String name = type.string("type", null);
            if (name == null || !name.matches("[a-z][a-z0-9-]*\\.[a-z0-9]+")) {
                throw new InvalidDatasetConfig(path + ".type must be an EC2 instance type (m5.xlarge)");
            }
            if (!seen.add(name)) {
                throw new InvalidDatasetConfig(path + ".type: " + name + " is listed twice");
            }
            int weight = (int) type.optionalInteger("weight", null, 1, 1, role == InstanceFleet.Role.MASTER ? 1 : 1000);
            List<InstanceFleet.EbsVolume> volumes = new ArrayList<>();
            List<Object> ebs = type.optionalList("ebs");
            for (int j = 0; j < ebs.size(); j++) {
                String volumePath = path + ".ebs[" + j + "]";
                ConfigNode volume = new ConfigNode(volumePath, map(ebs.get(j), volumePath), EBS_FIELDS);
                volume.checkFields();
                String volumeType = volume.has("volumeType") ? volume.string("volumeType", null) : "gp3";
                if (!EBS_VOLUME_TYPES.contains(volumeType)) {
                    throw new InvalidDatasetConfig(volumePath + ".volumeType: unknown volume type " + volumeType
                            + suggestion(volumeType, EBS_VOLUME_TYPES) + " (" + String.join(", ", EBS_VOLUME_TYPES)
                            + ")");
                }
                volumes.add(
                        new InstanceFleet.EbsVolume(volumeType, (int) volume.integer("sizeGb", null, 1, 16_384), (int)
                                volume.optionalInteger("count", null, 1, 1, 24)));
            }
            types.add(new InstanceFleet.InstanceType(name, weight, volumes));
        }
        int onDemand = (int) node.optionalInteger("onDemand", null, 0, 0, 2000);
        int spot = (int) node.optionalInteger("spot", null, 0, 0, 2000);
        if (role == InstanceFleet.Role.MASTER
                ? onDemand + spot != 1
                : role == InstanceFleet.Role.CORE && onDemand + spot < 1) {
            throw new InvalidDatasetConfig(node.path()
                    + (role == InstanceFleet.Role.MASTER
                            ? ": the primary fleet has one node: onDemand 1 or spot 1"
                            : ": the core fleet needs capacity: onDemand or spot at least 1"));
        }
        if (node.has("spotTimeoutMinutes") && spot == 0) {
            throw new InvalidDatasetConfig(node.path() + ".spotTimeoutMinutes applies to a fleet with spot capacity");
        }
        int timeout = (int)
                node.optionalInteger("spotTimeoutMinutes", null, InstanceFleet.DEFAULT_SPOT_TIMEOUT_MINUTES, 5, 1440);
        return new InstanceFleet(role, types, onDemand, spot, timeout);
    }

    private static List<String> strings(ConfigNode node, String field) {
        List<String> values = new ArrayList<>();
        for (Object value : node.optionalList(field)) {
            if (!(value instanceof String text)) {
                throw new InvalidDatasetConfig(node.path() + "." + field + " must list strings");
            }
            values.add(text);
        }
        return values;
    }

    private static List<ColumnSpec> columns(ConfigNode node, RowRules rows) {
        List<Object> list = node.list("columns", null);
        if (list.isEmpty()) {
            throw new InvalidDatasetConfig(node.path() + ".columns must list at least one column");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = node.path() + ".columns[" + i + "]";
            ConfigNode c = new ConfigNode(path, map(list.get(i), path), COLUMN_FIELDS);
            c.checkFields();
            String name = c.string("name", null);
            if (name == null) {
                throw new InvalidDatasetConfig(path + ".name is required");
            }
            if (!name.equals(ColumnNames.normalise(name)) || name.isEmpty() || !Character.isLetter(name.charAt(0))) {
                throw new InvalidDatasetConfig(
                        path + ".name: " + name + " is not a curated column name (lower case letters, "
                                + "digits and _, starting with a letter: " + ColumnNames.normalise(name) + "?)");
            }
            if (!seen.add(name)) {
                throw new InvalidDatasetConfig(path + ".name: column " + name + " is declared twice");
            }
            String typeName = c.string("type", null);
            if (typeName == null) {
                throw new InvalidDatasetConfig(
                        path + ".type is required (" + String.join(", ", ColumnType.NAMES) + ")");
            }
            ColumnType type = ColumnType.parse(typeName)
                    .orElseThrow(() -> new InvalidDatasetConfig(path + ".type: unknown type "
                            + typeName + suggestion(typeName, ColumnType.NAMES) + " ("
                            + String.join(", ", ColumnType.NAMES)
                            + "; decimal precision 1 to 38, scale 0 to precision)"));
            String format = c.string("format", null);
            if (format != null && !type.temporal()) {
                throw new InvalidDatasetConfig(path + ".format applies to date and timestamp columns only");
            }
            ZoneId zone = c.has("timeZone") ? zone(c, "timeZone") : null;
            if (zone != null && type.kind() != ColumnType.Kind.TIMESTAMP) {
                throw new InvalidDatasetConfig(path + ".timeZone applies to timestamp columns only");
            }
            ColumnSpec column = new ColumnSpec(name, type, c.bool("required", false), format, zone);
            try {
                ColumnConverter.of(column, rows);
            } catch (IllegalArgumentException badFormat) {
                throw new InvalidDatasetConfig(path + ".format: " + firstLine(badFormat.getMessage()), badFormat);
            }
            columns.add(column);
        }
        return columns;
    }

    private static RowRules rowRules(ConfigNode node, ConfigNode defaults) {
        RowRules fallback = RowRules.defaults();
        String encoding = node.optionalString("encoding", defaults, fallback.encoding());
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new InvalidDatasetConfig(node.path() + ".encoding: unknown encoding " + encoding);
        }
        // The readers find record and field boundaries in the bytes: the encoding must write ASCII as ASCII.
        byte[] probe = ",;|\t\"'\r\n azAZ09".getBytes(charset);
        if (!Arrays.equals(probe, ",;|\t\"'\r\n azAZ09".getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidDatasetConfig(node.path() + ".encoding: " + encoding
                    + " does not write ASCII as ASCII (UTF-8, ISO-8859-1, windows-1252 and the like do)");
        }
        char decimal = node.choiceCharacter("decimalSeparator", defaults, fallback.decimalSeparator(), ".,");
        char thousands = node.choiceCharacter("thousandsSeparator", defaults, fallback.thousandsSeparator(), ",. '_");
        if (decimal == thousands) {
            throw new InvalidDatasetConfig(node.path() + ": decimalSeparator and thousandsSeparator must differ");
        }
        return new RowRules(
                charset.name(),
                node.choice(
                        "invalidEncoding",
                        defaults,
                        RowRules.InvalidEncoding.REJECT_ROW,
                        RowRules.InvalidEncoding.class),
                node.choice("extraColumns", defaults, RowRules.ExtraColumns.DROP, RowRules.ExtraColumns.class),
                node.choice("dedupe", defaults, RowRules.Dedupe.ROWS, RowRules.Dedupe.class),
                decimal,
                thousands,
                node.has("timeZone") || defaults.has("timeZone")
                        ? zone(node.has("timeZone") ? node : defaults, "timeZone")
                        : fallback.timeZone(),
                (int) node.optionalInteger("maxRecordBytes", defaults, fallback.maxRecordBytes(), 1, MAX_RECORD_BYTES),
                (int) node.optionalInteger(
                        "maxNestingDepth", defaults, fallback.maxNestingDepth(), 1, MAX_NESTING_DEPTH));
    }

    private static ZoneId zone(ConfigNode node, String field) {
        String text = node.string(field, null);
        try {
            return ZoneId.of(text);
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidDatasetConfig(node.path() + "." + field + ": unknown time zone " + text
                    + " (a region such as Europe/Paris, or an offset such as +01:00)");
        }
    }

    /** The partition fields, each a column (or {@value #INGEST_DATE}) or a transform that fits the column's type. */
    private static List<String> partitionBy(ConfigNode node, List<Object> values, List<ColumnSpec> columns) {
        List<String> entries = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        columns.forEach(column -> declared.add(column.name()));
        for (Object value : values) {
            String entry = String.valueOf(value);
            PartitionField field = PartitionField.parse(entry)
                    .orElseThrow(() -> new InvalidDatasetConfig(node.path() + ".partitionBy: " + entry
                            + " is neither a column nor a partition transform (years, months, days, hours of a date or"
                            + " timestamp column; bucket(N, column); truncate(N, column))"));
            names(node, "partitionBy", List.of(field.column()), declared, true);
            if (field.column().equals(INGEST_DATE) && !field.transform().equals("identity")) {
                throw new InvalidDatasetConfig(node.path() + ".partitionBy: " + entry + ": " + INGEST_DATE
                        + " is a day already; partition by it as it is");
            }
            for (String earlier : entries) {
                PartitionField other = PartitionField.parse(earlier).orElseThrow();
                if (other.column().equals(field.column())
                        && (other.transform().equals(field.transform()) || (other.timeBased() && field.timeBased()))) {
                    throw new InvalidDatasetConfig(node.path() + ".partitionBy: " + entry + " and " + earlier
                            + " partition " + field.column() + " twice");
                }
            }
            columns.stream()
                    .filter(column -> column.name().equals(field.column()))
                    .findFirst()
                    .flatMap(column -> field.unfit(column.type()))
                    .ifPresent(reason -> {
                        throw new InvalidDatasetConfig(node.path() + ".partitionBy: " + entry + ": " + reason);
                    });
            if (entries.contains(entry.strip())) {
                throw new InvalidDatasetConfig(node.path() + ".partitionBy: " + entry + " is named twice");
            }
            entries.add(entry.strip());
        }
        return entries;
    }

    private static List<String> names(
            ConfigNode node, String field, List<Object> values, Set<String> declared, boolean ingestDate) {
        List<String> names = new ArrayList<>();
        for (Object value : values) {
            String name = String.valueOf(value);
            if (!declared.contains(name) && !(ingestDate && name.equals(INGEST_DATE))) {
                throw new InvalidDatasetConfig(
                        node.path() + "." + field + ": " + name + " is not a column of the dataset"
                                + suggestion(name, List.copyOf(declared)) + " (columns: " + String.join(", ", declared)
                                + (ingestDate ? ", or " + INGEST_DATE : "") + ")");
            }
            if (names.contains(name)) {
                throw new InvalidDatasetConfig(node.path() + "." + field + ": " + name + " is named twice");
            }
            names.add(name);
        }
        return names;
    }

    /** The engines a dataset may name: every known one but the offline runner's own. */
    private static final List<Engine> CLOUD_ENGINES = Engine.known().stream()
            .filter(engine -> !engine.equals(Engine.LOCAL))
            .toList();

    private static Engine engine(ConfigNode node, String field, ConfigNode defaults) {
        String name = node.string(field, defaults);
        return CLOUD_ENGINES.stream()
                .filter(engine -> engine.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidDatasetConfig(node.path() + "." + field + " must be "
                        + String.join(
                                ", ",
                                CLOUD_ENGINES.subList(0, CLOUD_ENGINES.size() - 1).stream()
                                        .map(Engine::name)
                                        .toList())
                        + " or " + CLOUD_ENGINES.get(CLOUD_ENGINES.size() - 1)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String path) {
        if (!(value instanceof Map)) {
            throw new InvalidDatasetConfig(path + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    /** " (did you mean X?)" for the closest allowed name within two edits (one for short names), else "". */
    static String suggestion(String given, List<String> allowed) {
        String best = null;
        int bestDistance = Math.max(1, Math.min(2, given.length() / 3)) + 1;
        for (String candidate : allowed) {
            int distance = editDistance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null && given.toLowerCase(Locale.ROOT).contains("time") && allowed.contains("timestamp")) {
            best = "timestamp";
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        // -1: the first non-blank line is the same whether trailing empty lines are kept or not.
        for (String line : message.split("\\R", -1)) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return message.strip();
    }

    /** One object of the config, reading fields with the defaults' value as fallback. */
    private record ConfigNode(String path, Map<String, Object> fields, List<String> allowed) {

        /** Every field this object holds is one it may hold. */
        void checkFields() {
            for (String field : fields.keySet()) {
                if (!allowed.contains(field)) {
                    throw new InvalidDatasetConfig((path.isEmpty() ? "" : path + ".") + field + ": unknown field"
                            + suggestion(field, allowed) + "; fields here: " + String.join(", ", allowed));
                }
            }
        }

        /** The object in {@code field}, its fields checked against {@code allowedFields}. */
        ConfigNode child(String field, List<String> allowedFields) {
            String childPath = path + "." + field;
            ConfigNode child = new ConfigNode(childPath, map(value(field, null), childPath), allowedFields);
            child.checkFields();
            return child;
        }

        Integer optionalInt(String field, int min, int max) {
            return has(field) ? (int) integer(field, null, min, max) : null;
        }

        boolean has(String field) {
            if (fields.containsKey(field) && fields.get(field) == null) {
                throw new InvalidDatasetConfig(
                        path + "." + field + " must not be null (leave it out to use the default)");
            }
            return fields.get(field) != null;
        }

        Object value(String field, ConfigNode defaults) {
            if (fields.containsKey(field) && fields.get(field) == null) {
                throw new InvalidDatasetConfig(
                        path + "." + field + " must not be null (leave it out to use the default)");
            }
            Object value = fields.get(field);
            if (value == null && defaults != null) {
                value = defaults.fields().get(field);
            }
            if (value == null) {
                throw new InvalidDatasetConfig(path + "." + field + " is required");
            }
            return value;
        }

        String string(String field, ConfigNode defaults) {
            if (defaults == null && !fields.containsKey(field)) {
                return null;
            }
            Object value = value(field, defaults);
            if (!(value instanceof String text)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a string");
            }
            return text;
        }

        String optionalString(String field, ConfigNode defaults, String fallback) {
            return has(field) || defaults.has(field) ? string(field, defaults) : fallback;
        }

        Number number(String field, ConfigNode defaults) {
            Object value = value(field, defaults);
            if (!(value instanceof Number number)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a number");
            }
            return number;
        }

        long integer(String field, ConfigNode defaults, long min, long max) {
            Number number = number(field, defaults);
            if (number instanceof Double
                    || number instanceof Float
                    || number.longValue() < min
                    || number.longValue() > max) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a whole number from " + min
                        + (max == Long.MAX_VALUE ? " up" : " to " + max));
            }
            return number.longValue();
        }

        long optionalInteger(String field, ConfigNode defaults, long fallback, long min, long max) {
            return has(field) || (defaults != null && defaults.has(field))
                    ? integer(field, defaults, min, max)
                    : fallback;
        }

        boolean bool(String field, Object fallback) {
            Object value = fields.get(field);
            if (value == null && fallback instanceof ConfigNode defaults) {
                value = defaults.fields().get(field);
            } else if (value == null) {
                value = fallback;
            }
            if (!(value instanceof Boolean flag)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be true or false");
            }
            return flag;
        }

        char asciiCharacter(String field) {
            String text = string(field, null);
            if (text == null
                    || text.length() != 1
                    || text.charAt(0) > 127
                    || text.charAt(0) == '\n'
                    || text.charAt(0) == '\r') {
                throw new InvalidDatasetConfig(
                        path + "." + field + " must be a single ASCII character other than a line break");
            }
            return text.charAt(0);
        }

        /** One of the characters {@code choices}; "" means none (0) where the fallback is 0. */
        char choiceCharacter(String field, ConfigNode defaults, char fallback, String choices) {
            if (!has(field) && !defaults.has(field)) {
                return fallback;
            }
            String text = string(field, defaults);
            if (text.isEmpty() && fallback == 0) {
                return 0;
            }
            if (text.length() != 1 || choices.indexOf(text.charAt(0)) < 0) {
                throw new InvalidDatasetConfig(path + "." + field + " must be one of " + describe(choices)
                        + (fallback == 0 ? " or \"\" for none" : ""));
            }
            return text.charAt(0);
        }

        private static String describe(String choices) {
            List<String> quoted = new ArrayList<>();
            for (int i = 0; i < choices.length(); i++) {
                quoted.add("\"" + choices.charAt(i) + "\"");
            }
            return String.join(", ", quoted);
        }

        /** An enum value written in lower case with dashes ({@code reject-row}). */
        <E extends Enum<E>> E choice(String field, ConfigNode defaults, E fallback, Class<E> type) {
            if (!has(field) && !defaults.has(field)) {
                return fallback;
            }
            String text = string(field, defaults);
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (name.equals(text)) {
                    return constant;
                }
                names.add(name);
            }
            throw new InvalidDatasetConfig(path + "." + field + ": unknown value " + text + suggestion(text, names)
                    + " (" + String.join(", ", names) + ")");
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String field, ConfigNode defaults) {
            Object value = value(field, defaults);
            if (!(value instanceof List)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a list");
            }
            return (List<Object>) value;
        }

        List<Object> optionalList(String field) {
            return has(field) ? list(field, null) : List.of();
        }
    }
}
