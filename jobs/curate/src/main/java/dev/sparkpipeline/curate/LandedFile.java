package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.contract.SourceObject;
import java.time.Instant;

/**
 * One landed file a run reads, with the lineage its rows carry: where the job reads it, its
 * version ({@code _source_version}) and when it landed ({@code _landed_at}, which also orders two
 * rows of one key from different files).
 *
 * <p>A batch member is read at {@link SourceObject#uri()}, {@code s3://<bucket>/<key>}, unless its
 * bucket is an absolute local folder (it starts with {@code /}): then at {@code
 * file://<bucket>/<key>}. The local runner hands the job such a manifest, each member's bucket the
 * lake folder its key's file is in, so an offline batch reads the lake's files; no S3 bucket name
 * can start with {@code /}, so the rule never changes what an engine reads. The location is also
 * the file's {@code _source_key} and its {@code uri} in the run manifest's {@code sources}, as a
 * single-file run's {@code --input} is.
 *
 * @param location  the file's URI as the job reads it
 * @param versionId its version, or null when the bucket is unversioned or the input did not say
 * @param landedAt  when it landed
 */
record LandedFile(String location, String versionId, Instant landedAt) {

    /**
     * A batch member.
     *
     * @param otherwise when the member landed if its manifest entry does not say
     */
    static LandedFile member(SourceObject member, Instant otherwise) {
        return new LandedFile(
                location(member), member.versionId(), member.landedAt() != null ? member.landedAt() : otherwise);
    }

    /** Where the job reads a batch member: the rule above. */
    static String location(SourceObject member) {
        return member.bucket().startsWith("/") ? "file://" + member.bucket() + "/" + member.key() : member.uri();
    }
}
