package dev.sparkpipeline.curate;

/** A run whose share of rejected rows is over the dataset's {@code maxErrorRatio}: it writes no curated rows. */
final class TooManyRejects extends RuntimeException {

    TooManyRejects(String message) {
        super(message);
    }
}
