package dev.sparkpipeline.local.bench;

import java.nio.charset.StandardCharsets;

/**
 * The content of a landed orders file of any size, made on demand: the dataset's header, then one
 * valid row repeated. The landing rules read its first bytes as they would a real file's; nothing
 * is kept in memory but the two lines.
 *
 * @param size the file's size in bytes
 */
record SyntheticCsv(long size) {

    private static final byte[] HEADER =
            "order_id,customer_id,order_ts,amount,currency,status\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROW =
            "o-1001,c-17,2026-11-22T08:01:00Z,19.99,EUR,PAID\n".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of one row: a file's rows are its size over this. */
    static final int ROW_BYTES = ROW.length;

    SyntheticCsv {
        if (size < HEADER.length + ROW.length) {
            throw new IllegalArgumentException("a synthetic file holds at least its header and one row");
        }
    }

    /** Up to {@code length} bytes from {@code offset}. */
    byte[] range(long offset, int length) {
        int n = (int) Math.max(0, Math.min(length, size - offset));
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            long at = offset + i;
            bytes[i] = at < HEADER.length ? HEADER[(int) at] : ROW[(int) ((at - HEADER.length) % ROW.length)];
        }
        return bytes;
    }
}
