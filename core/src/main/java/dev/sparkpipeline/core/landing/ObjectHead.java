package dev.sparkpipeline.core.landing;

/** Reads the first or last bytes of one object: never the whole object. */
public interface ObjectHead {

    /** Up to {@code length} bytes from the start. */
    byte[] first(int length);

    /** Up to {@code length} bytes from the end. */
    byte[] last(int length);
}
