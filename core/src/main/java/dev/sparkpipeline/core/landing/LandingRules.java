package dev.sparkpipeline.core.landing;

import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.util.Optional;

/**
 * The checks every landed file passes before a job runs on it, cheapest first: key, dataset,
 * format, size, then the content of its first (and, for Parquet, last) bytes.
 */
public final class LandingRules {

    private final DatasetCatalog catalog;
    private final ContentSniffer sniffer = new ContentSniffer();

    public LandingRules(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    /** The verdict on a file of this key and size, reading its content through {@code head}. */
    public Verdict check(String key, long size, ObjectHead head) {
        Optional<Violation> keyProblem = checkKey(key);
        if (keyProblem.isPresent()) {
            return new Verdict.Rejected(keyProblem.get());
        }
        DatasetSpec dataset = catalog.forKey(key).orElse(null);
        if (dataset == null) {
            return reject(
                    Rule.UNKNOWN_DATASET, "no dataset in config/datasets.json has a prefix that starts key " + key);
        }
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        DataFormat.FileType type = DataFormat.fromFileName(fileName).orElse(null);
        if (type == null || !dataset.formats().contains(type.format())) {
            return reject(
                    Rule.UNSUPPORTED_FORMAT,
                    "dataset " + dataset.name() + " accepts " + extensions(dataset) + "; " + fileName
                            + " is none of them");
        }
        if (type.gzip() && !(dataset.gzip() && type.format().gzipAllowed())) {
            return reject(
                    Rule.UNSUPPORTED_FORMAT,
                    "dataset " + dataset.name() + " does not accept gzip-compressed "
                            + type.format().configName() + " files");
        }
        if (size == 0) {
            return reject(Rule.EMPTY_FILE, "the file is empty (0 bytes)");
        }
        if (size < dataset.minBytes()) {
            return reject(
                    Rule.TOO_SMALL,
                    "the file has " + size + " bytes; dataset " + dataset.name() + " needs at least "
                            + dataset.minBytes());
        }
        if (size > dataset.maxBytes()) {
            return reject(
                    Rule.TOO_LARGE,
                    "the file has " + size + " bytes; dataset " + dataset.name() + " accepts at most "
                            + dataset.maxBytes());
        }
        return sniffer.sniff(dataset, type, size, head)
                .<Verdict>map(Verdict.Rejected::new)
                .orElseGet(() -> new Verdict.Accepted(dataset, type.format(), type.gzip(), dataset.engineFor(size)));
    }

    /** The dataset a key routes to, if any. */
    public Optional<String> datasetFor(String key) {
        return catalog.forKey(key).map(DatasetSpec::name);
    }

    /** Keys the pipeline refuses whatever their dataset: folder markers and unsafe names. */
    static Optional<Violation> checkKey(String key) {
        if (key.isEmpty() || key.endsWith("/")) {
            return Optional.of(new Violation(Rule.FOLDER_MARKER, "the key names a folder, not a file"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(new Violation(
                        Rule.UNSAFE_KEY,
                        String.format("the key has a control character (U+%04X) at position %d", (int) c, i)));
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of(new Violation(Rule.UNSAFE_KEY, "the key has a '" + segment + "' path segment"));
            }
        }
        return Optional.empty();
    }

    private static String extensions(DatasetSpec dataset) {
        return dataset.formats().stream().map(DataFormat::configName).sorted().toList()
                + (dataset.gzip() ? " (text formats may be .gz)" : "");
    }

    private static Verdict reject(Rule rule, String message) {
        return new Verdict.Rejected(new Violation(rule, message));
    }
}
