package dev.sparkpipeline.local.asl;

/**
 * A state's InputPath, OutputPath or ResultPath, or a Catcher's ResultPath: a path, or {@code null}
 * given in the definition, which for InputPath and OutputPath means an empty object and for
 * ResultPath means the result is discarded (the output is the input). A field the definition leaves
 * out is {@link #ROOT}: the whole input, or the result replacing it.
 *
 * @param path the path, or null for the definition's {@code null}
 */
public record DataPath(String path) {

    /** {@code $}: what a definition that leaves the field out gets. */
    public static final DataPath ROOT = new DataPath("$");
    /** The definition's {@code null}. */
    public static final DataPath NONE = new DataPath(null);

    /** Whether the definition gave {@code null}. */
    public boolean none() {
        return path == null;
    }
}
