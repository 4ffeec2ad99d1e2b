package dev.sparkpipeline.local.cli;

/**
 * Where one landed file of a drop ended, as the lake records it.
 *
 * @param file      the file dropped, as given
 * @param key       its landing key
 * @param status    its fate
 * @param execution the execution that curated it or failed it, or null (quarantined on landing, never run)
 * @param reason    why it was quarantined or failed, or null when curated
 * @param record    where its record is for people (the reason document, the archived copy), or null
 * @param error     for a failed file, the kind of failure ({@code JobFailed}, {@code NoTarget}); for a
 *                  quarantined one, the rule it broke; else null
 */
record FileFate(String file, String key, Status status, String execution, String reason, String record, String error) {

    /** The three places a landed file can end. */
    enum Status {
        /** Its rows are in the dataset's table and the file is archived under {@code _processed/}. */
        CURATED,
        /** It broke a landing rule: set aside under {@code quarantine/} with a reason. */
        QUARANTINED,
        /** Its run failed, or it never got one: recorded under {@code failed/}, or not at all. */
        FAILED
    }
}
