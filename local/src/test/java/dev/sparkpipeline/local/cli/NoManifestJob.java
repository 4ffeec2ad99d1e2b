package dev.sparkpipeline.local.cli;

/** A dataset's own job that ends well and leaves no manifest: what Publish makes of a job breaking the contract. */
public final class NoManifestJob {

    private NoManifestJob() {}

    public static void main(String[] args) {
        System.out.println("ran, and wrote nothing for Publish");
    }
}
