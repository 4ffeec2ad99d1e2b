package dev.sparkpipeline.core.dataset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the pipeline ingests, recognised by file name without regard to case.
 * {@link #JSON_LINES} covers JSON Lines and a {@code .json} file holding one array of objects.
 */
public enum DataFormat {
    CSV("csv", ".csv"),
    JSON_LINES("jsonl", ".jsonl", ".ndjson", ".json"),
    PARQUET("parquet", ".parquet");

    private final String configName;
    // List.of is unmodifiable: the checker only knows Guava's immutable types by name.
    @SuppressWarnings("ImmutableEnumChecker")
    private final List<String> extensions;

    DataFormat(String configName, String... extensions) {
        this.configName = configName;
        this.extensions = List.of(extensions);
    }

    /** The name used in {@code config/datasets.json} ({@code json} is accepted for {@code jsonl} too). */
    public String configName() {
        return configName;
    }

    /** Parquet compresses itself; gzip applies to the text formats only. */
    public boolean gzipAllowed() {
        return this != PARQUET;
    }

    /** The format a config file names. */
    public static Optional<DataFormat> fromConfigName(String name) {
        for (DataFormat format : values()) {
            if (format.configName.equals(name) || (format == JSON_LINES && "json".equals(name))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format a file name declares (ignoring a trailing {@code .gz}), if any. */
    public static Optional<FileType> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String base = gzip ? name.substring(0, name.length() - 3) : name;
        for (DataFormat format : values()) {
            for (String extension : format.extensions) {
                if (base.endsWith(extension)) {
                    return Optional.of(new FileType(format, gzip));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A file's format and whether it is gzip-compressed.
     *
     * @param format the data format
     * @param gzip   true for a {@code .gz} file
     */
    public record FileType(DataFormat format, boolean gzip) {}
}
