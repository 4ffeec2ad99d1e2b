package dev.sparkpipeline.core.landing;

/** The checks a landed file must pass; each name appears in quarantine reason documents. */
public enum Rule {
    FOLDER_MARKER,
    UNSAFE_KEY,
    UNKNOWN_DATASET,
    UNSUPPORTED_FORMAT,
    EMPTY_FILE,
    TOO_SMALL,
    TOO_LARGE,
    CORRUPT_GZIP,
    NO_CSV_HEADER,
    MISSING_COLUMNS,
    NOT_JSON_OBJECT,
    NOT_PARQUET
}
