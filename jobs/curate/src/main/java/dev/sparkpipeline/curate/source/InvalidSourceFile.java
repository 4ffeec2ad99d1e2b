package dev.sparkpipeline.curate.source;

/**
 * A landed file that cannot be read record by record at all (a header naming a column twice, a
 * quote never closed, columns the dataset refuses): the file fails with this reason.
 */
public final class InvalidSourceFile extends RuntimeException {

    public InvalidSourceFile(String message) {
        super(message);
    }
}
