package dev.sparkpipeline.core.landing;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.dataset.ColumnNames;
import dev.sparkpipeline.core.dataset.CsvOptions;
import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Looks at the first bytes of a file (and the last, for Parquet) to check it is what its name
 * says. Reads at most {@link #HEAD_BYTES} compressed bytes, whatever the file's size.
 */
final class ContentSniffer {

    /** How much of a file's head is read: enough for any sane header line. */
    static final int HEAD_BYTES = 64 * 1024;

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    Optional<Violation> sniff(DatasetSpec dataset, DataFormat.FileType type, long size, ObjectHead head) {
        if (type.format() == DataFormat.PARQUET) {
            return sniffParquet(size, head);
        }
        byte[] raw = head.first(HEAD_BYTES);
        boolean complete = raw.length >= size;
        byte[] text;
        if (type.gzip()) {
            try {
                text = inflatePrefix(raw);
            } catch (IOException e) {
                return Optional.of(new Violation(
                        Rule.CORRUPT_GZIP, "the file is named .gz but is not gzip data: " + e.getMessage()));
            }
            complete = false;
        } else {
            text = raw;
        }
        String start = stripBom(new String(text, StandardCharsets.UTF_8));
        return type.format() == DataFormat.CSV ? sniffCsv(dataset, start, complete) : sniffJsonLines(start, complete);
    }

    private static Optional<Violation> sniffParquet(long size, ObjectHead head) {
        // A Parquet file starts and ends with PAR1 around at least a 4-byte footer length.
        if (size < 12 || !Arrays.equals(head.first(4), PARQUET_MAGIC) || !Arrays.equals(head.last(4), PARQUET_MAGIC)) {
            return Optional.of(new Violation(
                    Rule.NOT_PARQUET, "the file is named .parquet but lacks the PAR1 magic at its head and tail"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> sniffCsv(DatasetSpec dataset, String start, boolean complete) {
        Optional<List<String>> header = firstRecord(start, dataset.csv(), complete);
        if (header.isEmpty() || header.get().stream().allMatch(String::isBlank)) {
            return Optional.of(new Violation(
                    Rule.NO_CSV_HEADER,
                    complete
                            ? "the file has no header line"
                            : "no complete header line in the first " + HEAD_BYTES + " bytes"));
        }
        Set<String> present = new LinkedHashSet<>();
        header.get().forEach(name -> present.add(ColumnNames.normalise(name)));
        List<String> missing = dataset.requiredColumns().stream()
                .filter(column -> !present.contains(column))
                .toList();
        if (!missing.isEmpty()) {
            return Optional.of(new Violation(
                    Rule.MISSING_COLUMNS,
                    "the header lacks required columns " + missing + " of dataset " + dataset.name() + " (delimiter '"
                            + dataset.csv().delimiter() + "'); it has " + present));
        }
        return Optional.empty();
    }

    private static Optional<Violation> sniffJsonLines(String start, boolean complete) {
        String content = start.stripLeading();
        if (content.startsWith("[")) {
            // One array of objects: its first element (or its end) follows the bracket.
            String rest = content.substring(1).stripLeading();
            return rest.startsWith("{") || rest.startsWith("]") || (rest.isEmpty() && !complete)
                    ? Optional.empty()
                    : Optional.of(new Violation(Rule.NOT_JSON_OBJECT, "the file is a JSON array, but not of objects"));
        }
        int end = start.indexOf('\n');
        if (end < 0 && !complete) {
            return Optional.of(
                    new Violation(Rule.NOT_JSON_OBJECT, "the first line is longer than " + HEAD_BYTES + " bytes"));
        }
        String line = (end < 0 ? start : start.substring(0, end)).strip();
        try {
            Object first = JSON.std.anyFrom(line);
            if (first instanceof Map) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            // Reported below: the content is not shown, only what was expected.
        }
        return Optional.of(new Violation(Rule.NOT_JSON_OBJECT, "the first line is not a JSON object"));
    }

    /**
     * The first CSV record, honouring quotes (a quoted field may hold the delimiter, a doubled
     * quote, or a line break). Empty when no record ends within the text and more of the file follows.
     */
    static Optional<List<String>> firstRecord(String text, CsvOptions csv, boolean complete) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == csv.quote() && i + 1 < text.length() && text.charAt(i + 1) == csv.quote()) {
                    field.append(c);
                    i++;
                } else if (c == csv.quote()) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == csv.quote()) {
                quoted = true;
            } else if (c == csv.delimiter()) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                return Optional.of(fields);
            } else {
                field.append(c);
            }
        }
        if (!complete || quoted) {
            return Optional.empty();
        }
        fields.add(field.toString());
        return Optional.of(fields);
    }

    /** Inflates as much of a gzip stream as the prefix holds. */
    private static byte[] inflatePrefix(byte[] compressed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] buffer = new byte[8192];
            for (int n; out.size() < HEAD_BYTES && (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (EOFException truncated) {
            // Expected: only the head of the file was read.
        }
        return out.toByteArray();
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
