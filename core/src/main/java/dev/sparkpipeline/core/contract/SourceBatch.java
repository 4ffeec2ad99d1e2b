package dev.sparkpipeline.core.contract;

/**
 * Marks an execution that curates a batch of landed files: its {@code source} is then the batch's
 * manifest ({@code s3://<curated>/_batches/<dataset>/<id>.json}), which lists the members (the
 * list may be larger than an execution input may be).
 *
 * @param id    the batch's id, which is also the execution's name
 * @param files how many landed files the manifest lists
 */
public record SourceBatch(String id, int files) {

    public SourceBatch {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a batch needs its id");
        }
        if (files < 1) {
            throw new IllegalArgumentException("a batch holds at least one file");
        }
    }
}
