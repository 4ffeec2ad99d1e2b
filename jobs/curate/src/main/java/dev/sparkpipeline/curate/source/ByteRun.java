package dev.sparkpipeline.curate.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable run of bytes that readers fill and reuse, decoded strictly or for display. */
final class ByteRun {

    private byte[] bytes = new byte[256];
    private int length;
    /** Bytes past this many are counted as an overflow, not kept: a record can be read to its end in bounded memory. */
    private int cap = Integer.MAX_VALUE;

    private boolean overflowed;
    /** True once a byte above 0x7F was appended: ASCII needs no decoder. */
    private boolean high;

    /** Keeps at most {@code cap} bytes; later ones only mark the run as overflowed. */
    void cap(int cap) {
        this.cap = cap;
    }

    boolean overflowed() {
        return overflowed;
    }

    void append(int b) {
        if (length >= cap) {
            overflowed = true;
            return;
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
        high |= b > 0x7F;
    }

    int length() {
        return length;
    }

    void truncate(int newLength) {
        length = newLength;
    }

    byte at(int index) {
        return bytes[index];
    }

    void clear() {
        length = 0;
        high = false;
        overflowed = false;
    }

    /** Bytes {@code [from, to)} decoded strictly: null when they are not valid in the decoder's charset. */
    String decode(int from, int to, CharsetDecoder strict) {
        if (!high || strict == null) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = strict.reset().decode(ByteBuffer.wrap(bytes, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException invalid) {
            return null;
        }
    }

    /** Bytes {@code [from, to)} for display: at most {@code limit} bytes, invalid ones as U+FFFD. */
    String display(int from, int to, Charset charset, int limit) {
        int end = Math.min(to, from + limit);
        String text = new String(bytes, from, end - from, charset);
        return end < to ? text + "... (" + (to - from) + " bytes)" : text;
    }

    /** A decoder that reports invalid input instead of replacing it; null for ISO-8859-1, where every byte is valid. */
    static CharsetDecoder strictDecoder(Charset charset) {
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            return null;
        }
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
