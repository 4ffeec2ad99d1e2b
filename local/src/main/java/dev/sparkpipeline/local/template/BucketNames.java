package dev.sparkpipeline.local.template;

/**
 * The names of the template's buckets where the runner runs: the lake's folders offline, the
 * endpoint's buckets in the endpoint mode. One owner: the template's references, resolved by
 * {@link LocalResources}, which also gives the functions the same names through their variables.
 *
 * @param landing    {@code LandingBucket}: where files land
 * @param curated    {@code CuratedBucket}: the tables, manifests and archived sources
 * @param quarantine {@code QuarantineBucket}: quarantined files and failure records
 */
public record BucketNames(String landing, String curated, String quarantine) {

    /** The buckets' names as {@code resources} resolves them. */
    public static BucketNames of(LocalResources resources) {
        return new BucketNames(
                resources.ref("LandingBucket"), resources.ref("CuratedBucket"), resources.ref("QuarantineBucket"));
    }
}
