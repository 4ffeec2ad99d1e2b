package dev.sparkpipeline.curate.source;

import dev.sparkpipeline.core.dataset.ColumnNames;
import dev.sparkpipeline.core.dataset.CsvOptions;
import dev.sparkpipeline.core.dataset.RejectRule;
import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import dev.sparkpipeline.core.dataset.RowRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a CSV file, read strictly (RFC 4180 with the dataset's delimiter and quote): a
 * quoted field keeps its delimiters, doubled quotes and line breaks; a UTF-8 byte order mark and
 * CRLF line ends are accepted; the first record is the header. A record whose field count differs
 * from the header's, whose quoting is broken, that is longer than {@code maxRecordBytes}, or whose
 * bytes are invalid in the encoding comes back with its {@link SourceRecord#problem}; a quote that
 * is never closed fails the file, since no later record boundary can be trusted.
 *
 * <p>Works on bytes: the delimiter, quote and line breaks are ASCII, and the encoding is
 * ASCII-compatible (the config reader checks it), so no multi-byte character can hide them.
 * Spaces and tabs around an unquoted value are not part of it; inside quotes they are.
 */
final class CsvRecords extends Lookahead<SourceRecord> {

    private static final int EOF = -1;
    /** How much of a rejected record's raw text is kept. */
    private static final int RAW_LIMIT = 4096;

    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final Charset charset;
    private final CharsetDecoder strict;
    private final boolean failFileOnEncoding;
    private final int maxRecordBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    private final ByteRun raw = new ByteRun();
    private final ByteRun value = new ByteRun();
    private final List<int[]> fields = new ArrayList<>();
    private final List<Boolean> quotedFields = new ArrayList<>();
    private long line = 1;
    private long recordStartLine;
    private long records;
    private Rejection malformed;
    private boolean tooLarge;
    private final String[] header;

    CsvRecords(InputStream in, CsvOptions csv, RowRules rules) {
        this.in = in;
        this.delimiter = (byte) csv.delimiter();
        this.quote = (byte) csv.quote();
        this.charset = rules.charset();
        this.strict = ByteRun.strictDecoder(charset);
        this.failFileOnEncoding = rules.invalidEncoding() == RowRules.InvalidEncoding.FAIL_FILE;
        this.maxRecordBytes = rules.maxRecordBytes();
        raw.cap(maxRecordBytes);
        value.cap(maxRecordBytes);
        skipByteOrderMark();
        this.header = readHeader();
    }

    /** The header's names, normalised; unnamed columns are {@code _c<N>} (1-based), as Spark names them. */
    String[] header() {
        return header.clone();
    }

    private String[] readHeader() {
        while (readRecord()) {
            if (blank()) {
                continue;
            }
            if (malformed != null || tooLarge) {
                throw new InvalidSourceFile("line " + recordStartLine + ": the header is not a valid CSV record"
                        + (malformed != null
                                ? " (" + malformed.message() + ")"
                                : " (longer than " + maxRecordBytes + " bytes)"));
            }
            String[] names = new String[fields.size()];
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                String text = value.decode(fields.get(i)[0], fields.get(i)[1], strict);
                if (text == null) {
                    throw new InvalidSourceFile("line " + recordStartLine + ": header column " + (i + 1)
                            + " holds bytes that are not valid " + charset.name());
                }
                String name = ColumnNames.normalise(text);
                names[i] = name.isEmpty() ? "_c" + (i + 1) : name;
                Integer earlier = seen.putIfAbsent(names[i], i);
                if (earlier != null) {
                    throw new InvalidSourceFile("the header names column " + names[i] + " twice (columns "
                            + (earlier + 1) + " and " + (i + 1) + ")");
                }
            }
            return names;
        }
        throw new InvalidSourceFile("the file has no header line");
    }

    @Override
    protected SourceRecord advance() {
        while (readRecord()) {
            if (blank()) {
                continue;
            }
            records++;
            Rejection problem = malformed;
            if (tooLarge) {
                problem = new Rejection(RejectRule.TOO_LARGE, "the record is longer than " + maxRecordBytes + " bytes");
            } else if (problem == null && fields.size() != header.length) {
                problem = new Rejection(
                        RejectRule.FIELD_COUNT,
                        "the record has " + fields.size() + " fields; the header has " + header.length);
            }
            String[] values = new String[header.length];
            if (problem == null) {
                for (int i = 0; i < values.length; i++) {
                    int[] field = fields.get(i);
                    if (field[1] == field[0] && !quotedFields.get(i)) {
                        continue;
                    }
                    String text = value.decode(field[0], field[1], strict);
                    if (text == null) {
                        if (failFileOnEncoding) {
                            throw new InvalidSourceFile("line " + recordStartLine + ", column " + header[i]
                                    + ": bytes that are not valid " + charset.name() + " (invalidEncoding: fail-file)");
                        }
                        problem = new Rejection(
                                RejectRule.ENCODING,
                                "column " + header[i] + " holds bytes that are not valid " + charset.name());
                        break;
                    }
                    values[i] = text;
                }
            }
            // Decoded only when asked, for a rejected row, and before the next record reuses the buffer.
            return new SourceRecord(
                    recordStartLine,
                    records,
                    header,
                    problem == null ? values : new String[header.length],
                    null,
                    problem,
                    this::rawText);
        }
        return null;
    }

    private String rawText() {
        return raw.display(0, raw.length(), charset, RAW_LIMIT);
    }

    private boolean blank() {
        if (fields.size() != 1 || quotedFields.get(0) || malformed != null || tooLarge) {
            return false;
        }
        return fields.get(0)[1] == fields.get(0)[0];
    }

    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_SEEN,
        AFTER_QUOTE,
        JUNK
    }

    /** Reads one record into {@link #fields}; false at the end of the file. */
    private boolean readRecord() {
        raw.clear();
        value.clear();
        fields.clear();
        quotedFields.clear();
        malformed = null;
        tooLarge = false;
        recordStartLine = line;
        State state = State.FIELD_START;
        int fieldStart = 0;
        int valueEnd = 0;
        boolean quotedField = false;
        boolean any = false;
        while (true) {
            int b = read();
            if (b == EOF) {
                tooLarge |= raw.overflowed();
                if (state == State.QUOTED) {
                    throw new InvalidSourceFile(
                            "line " + recordStartLine + ": a quoted field is never closed (the file ends inside it)");
                }
                if (!any) {
                    return false;
                }
                endField(
                        fieldStart,
                        state == State.UNQUOTED || state == State.JUNK ? valueEnd : value.length(),
                        quotedField);
                return true;
            }
            any = true;
            boolean lineBreak = b == '\n' || b == '\r';
            if (lineBreak && state != State.QUOTED) {
                tooLarge |= raw.overflowed();
                consumeLineBreak(b);
                endField(
                        fieldStart,
                        state == State.UNQUOTED || state == State.JUNK ? valueEnd : value.length(),
                        quotedField);
                return true;
            }
            // Past maxRecordBytes the bytes are no longer kept, but the quotes are still followed, so the
            // record ends where CSV says it does and the next one is read from its true start.
            raw.append(b);
            tooLarge |= raw.overflowed();
            switch (state) {
                case FIELD_START -> {
                    if (b == quote) {
                        state = State.QUOTED;
                        quotedField = true;
                    } else if (b == delimiter) {
                        endField(fieldStart, value.length(), false);
                        fieldStart = value.length();
                    } else if (b != ' ' && b != '\t') {
                        value.append(b);
                        valueEnd = value.length();
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED, JUNK -> {
                    if (b == delimiter) {
                        endField(fieldStart, valueEnd, quotedField);
                        fieldStart = value.length();
                        quotedField = false;
                        state = State.FIELD_START;
                    } else {
                        value.append(b);
                        if (b != ' ' && b != '\t') {
                            valueEnd = value.length();
                        }
                    }
                }
                case QUOTED -> {
                    if (b == quote) {
                        state = State.QUOTE_SEEN;
                    } else {
                        value.append(b);
                        if (b == '\n' || (b == '\r' && peek() != '\n')) {
                            line++;
                        }
                    }
                }
                case QUOTE_SEEN -> {
                    if (b == quote) {
                        value.append(b);
                        state = State.QUOTED;
                    } else if (b == delimiter) {
                        endField(fieldStart, value.length(), true);
                        fieldStart = value.length();
                        quotedField = false;
                        state = State.FIELD_START;
                    } else if (b == ' ' || b == '\t') {
                        state = State.AFTER_QUOTE;
                    } else {
                        junk("text follows the closing quote of field " + (fields.size() + 1));
                        valueEnd = value.length();
                        state = State.JUNK;
                    }
                }
                case AFTER_QUOTE -> {
                    if (b == delimiter) {
                        endField(fieldStart, value.length(), true);
                        fieldStart = value.length();
                        quotedField = false;
                        state = State.FIELD_START;
                    } else if (b != ' ' && b != '\t') {
                        junk("text follows the closing quote of field " + (fields.size() + 1));
                        valueEnd = value.length();
                        state = State.JUNK;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private void junk(String why) {
        if (malformed == null) {
            malformed = new Rejection(RejectRule.MALFORMED_CSV, why);
        }
    }

    private void endField(int from, int to, boolean quoted) {
        fields.add(new int[] {from, Math.max(from, to)});
        quotedFields.add(quoted);
    }

    /** A line break outside quotes: CRLF counts once, a lone CR or LF once each. */
    private void consumeLineBreak(int b) {
        if (b == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private void skipByteOrderMark() {
        if (charset.equals(StandardCharsets.UTF_8) && peek() == 0xEF) {
            fill();
            if (limit - position >= 3
                    && (buffer[position + 1] & 0xFF) == 0xBB
                    && (buffer[position + 2] & 0xFF) == 0xBF) {
                position += 3;
            }
        }
    }

    private int read() {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++] & 0xFF;
    }

    private int peek() {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position] & 0xFF;
    }

    /** Refills the buffer keeping unread bytes; false at the end of the file. */
    private boolean fill() {
        try {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            while (limit < 3) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
            }
            return limit > position;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
