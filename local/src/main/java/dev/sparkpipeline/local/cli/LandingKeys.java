package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How {@code drop} names what it lands: {@code <dataset prefix><yyyy/MM/dd>/<name>}, the name being
 * the file's own or its path below the folder dropped, and the day the one it lands on. The dataset
 * is the one given, else the one the name (or the file's own name) starts with; a file of no dataset
 * lands at the bucket root under its name, and the validate function quarantines it as
 * {@code UNKNOWN_DATASET}, as in the cloud.
 *
 * @param catalog the datasets
 * @param dataset the dataset every file goes to ({@code --dataset}), or null to choose by name
 * @param day     the landing day
 */
record LandingKeys(DatasetCatalog catalog, DatasetSpec dataset, LocalDate day) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** S3's limit on a key, in UTF-8 bytes. */
    private static final int MAX_KEY_BYTES = 1024;

    /** The keys for {@code datasetName} ({@code --dataset}, or null), or a usage error naming the datasets there are. */
    static LandingKeys of(DatasetCatalog catalog, String datasetName, LocalDate day, Path configFile) {
        if (datasetName == null) {
            return new LandingKeys(catalog, null, day);
        }
        DatasetSpec chosen = catalog.named(datasetName)
                .orElseThrow(() -> new PipelineLocal.UsageError("unknown dataset " + datasetName + "; " + configFile
                        + " has "
                        + catalog.all().stream().map(DatasetSpec::name).sorted().toList()));
        return new LandingKeys(catalog, chosen, day);
    }

    /** The key of a file named {@code name} ({@code /}-separated when it lies below a dropped folder). */
    String key(String name) {
        DatasetSpec chosen = dataset != null ? dataset : byName(name);
        return chosen == null ? name : chosen.prefix() + DAY.format(day) + "/" + name;
    }

    private DatasetSpec byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String fileName = lower.substring(lower.lastIndexOf('/') + 1);
        return catalog.all().stream()
                .filter(spec -> lower.startsWith(spec.name()))
                .findFirst()
                .or(() -> catalog.all().stream()
                        .filter(spec -> fileName.startsWith(spec.name()))
                        .findFirst())
                .orElse(null);
    }

    /** A key S3 would take ({@code --key}): 1 to 1,024 bytes of UTF-8. */
    static String checked(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_KEY_BYTES) {
            throw new PipelineLocal.UsageError(
                    "--key must be 1 to 1,024 bytes of UTF-8, as an S3 key is; it has " + bytes);
        }
        return key;
    }
}
