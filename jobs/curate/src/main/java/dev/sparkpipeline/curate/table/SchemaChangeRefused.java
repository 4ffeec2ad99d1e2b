package dev.sparkpipeline.curate.table;

/** The dataset's schema would change a table column in a way that loses data; nothing was written. */
public final class SchemaChangeRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaChangeRefused(String message) {
        super(message);
    }
}
