package dev.sparkpipeline.curate.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sparkpipeline.core.dataset.ColumnNames;
import dev.sparkpipeline.core.dataset.RejectRule;
import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import dev.sparkpipeline.core.dataset.RowRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The records of a JSON file: JSON Lines (one object per line; blank lines are skipped), or one
 * array of objects when the file's first character is {@code [}. A line that does not parse, is
 * not an object, names a column twice, is longer than {@code maxRecordBytes}, is nested deeper
 * than {@code maxNestingDepth} or holds bytes invalid in the encoding comes back with its
 * {@link SourceRecord#problem}. Records are walked token by token, never recursively, so no
 * record can exhaust the stack or hold the job. In an array a syntax error fails the file: after
 * it no element boundary can be trusted.
 */
final class JsonRecords extends Lookahead<SourceRecord> {

    private static final int RAW_LIMIT = 4096;

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder strict;
    private final boolean failFileOnEncoding;
    private final int maxRecordBytes;
    private final int maxDepth;
    private final JsonFactory factory;
    private final JsonParser array;
    private final ByteRun lineBytes = new ByteRun();
    private long line;
    private long records;

    /**
     * @param source      the file's bytes
     * @param rules       the dataset's row rules
     * @param arrayAllowed true for a {@code .json} file, which may hold one array; a JSON Lines file never does
     */
    JsonRecords(InputStream source, RowRules rules, boolean arrayAllowed) {
        this.charset = rules.charset();
        this.strict = ByteRun.strictDecoder(charset);
        this.failFileOnEncoding = rules.invalidEncoding() == RowRules.InvalidEncoding.FAIL_FILE;
        this.maxRecordBytes = rules.maxRecordBytes();
        this.maxDepth = rules.maxNestingDepth();
        // Jackson's own limits sit above the dataset's: the walk below reports them with the record.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Math.max(rules.maxRecordBytes(), 1000))
                        .maxStringLength(Math.max(rules.maxRecordBytes(), 1000))
                        .build())
                .build();
        PushbackInputStream pushback = new PushbackInputStream(source, 4);
        this.in = pushback;
        try {
            skipByteOrderMark(pushback);
            this.array = arrayAllowed && startsWithBracket(pushback) ? startArray(pushback) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code .json} file (gzipped or not) may be one array of objects; {@code .jsonl} and {@code .ndjson} are lines. */
    static boolean mayHoldAnArray(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".json.gz");
    }

    @Override
    protected SourceRecord advance() {
        return array != null ? nextElement() : nextLine();
    }

    private SourceRecord nextLine() {
        try {
            while (true) {
                lineBytes.clear();
                boolean tooLarge = false;
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                line++;
                boolean blank = true;
                for (; b >= 0 && b != '\n'; b = in.read()) {
                    if (lineBytes.length() < maxRecordBytes) {
                        lineBytes.append(b);
                    } else {
                        tooLarge = true;
                    }
                    blank &= b == ' ' || b == '\t' || b == '\r';
                }
                if (blank) {
                    continue;
                }
                if (lineBytes.length() > 0 && lineBytes.at(lineBytes.length() - 1) == '\r') {
                    lineBytes.truncate(lineBytes.length() - 1);
                }
                records++;
                if (tooLarge) {
                    return rejected(
                            new Rejection(RejectRule.TOO_LARGE, "the line is longer than " + maxRecordBytes + " bytes"),
                            this::lineText);
                }
                String text = lineBytes.decode(0, lineBytes.length(), strict);
                if (text == null) {
                    if (failFileOnEncoding) {
                        throw new InvalidSourceFile("line " + line + ": bytes that are not valid " + charset.name()
                                + " (invalidEncoding: fail-file)");
                    }
                    return rejected(
                            new Rejection(
                                    RejectRule.ENCODING, "the line holds bytes that are not valid " + charset.name()),
                            this::lineText);
                }
                return parseLine(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SourceRecord parseLine(String text) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return rejected(
                        new Rejection(
                                RejectRule.NOT_AN_OBJECT, "the line is a JSON " + kind(first) + ", not an object"),
                        () -> clip(text));
            }
            Walk walk = walk(parser, null);
            if (walk.problem == null && parser.nextToken() != null) {
                walk.problem = new Rejection(RejectRule.MALFORMED_JSON, "text follows the object on its line");
            }
            return walk.record(line, records, () -> clip(text));
        } catch (JsonProcessingException malformed) {
            return rejected(new Rejection(RejectRule.MALFORMED_JSON, jacksonMessage(malformed)), () -> clip(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SourceRecord nextElement() {
        long element = records + 1;
        try {
            JsonToken token = array.nextToken();
            if (token == JsonToken.END_ARRAY) {
                if (array.nextToken() != null) {
                    throw new InvalidSourceFile(
                            "line " + array.currentLocation().getLineNr() + ": text follows the file's array");
                }
                return null;
            }
            if (token == null) {
                throw new InvalidSourceFile("the file's array is never closed");
            }
            records++;
            long at = array.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
                String shown = token.isStructStart() ? kind(token) : array.getText();
                array.skipChildren();
                return rejectedAt(
                        at,
                        new Rejection(
                                RejectRule.NOT_AN_OBJECT,
                                "element " + records + " is a JSON " + kind(token) + ", not an object"),
                        () -> clip(shown));
            }
            StringWriter copy = new StringWriter();
            try (JsonGenerator generator = factory.createGenerator(copy)) {
                generator.setRootValueSeparator(new SerializedString(""));
                Walk walk = walk(array, generator);
                generator.flush();
                String text = copy.toString();
                return walk.record(at, records, () -> clip(text));
            }
        } catch (CharacterCodingException invalid) {
            throw new InvalidSourceFile("element " + element + " of the file's array holds bytes that are not valid "
                    + charset.name() + "; the rest of the array cannot be read");
        } catch (JsonProcessingException malformed) {
            throw new InvalidSourceFile("element " + element + " of the file's array: " + jacksonMessage(malformed)
                    + "; the rest of the array cannot be read");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fields of the object the parser stands at, walked iteratively with bounded depth and
     * size. A nested value's text is kept (bounded by the record's size), so that a kept extra
     * column holds it and whole-row duplicates tell nested values apart.
     */
    private Walk walk(JsonParser parser, JsonGenerator copy) throws IOException {
        Walk walk = new Walk();
        Set<String> seen = new HashSet<>();
        long start = offset(parser.currentTokenLocation());
        if (copy != null) {
            copy.copyCurrentEvent(parser);
        }
        int depth = 1;
        String name = null;
        StringWriter nestedText = null;
        JsonGenerator nested = null;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new JsonParseException(parser, "the object is never closed");
            }
            if (walk.problem == null && offset(parser.currentLocation()) - start > maxRecordBytes) {
                walk.problem =
                        new Rejection(RejectRule.TOO_LARGE, "the record is longer than " + maxRecordBytes + " bytes");
            }
            boolean keep = walk.problem == null;
            if (copy != null && keep) {
                copy.copyCurrentEvent(parser);
            }
            if (depth == 1 && token.isStructStart()) {
                nestedText = new StringWriter();
                nested = factory.createGenerator(nestedText);
            }
            if (nested != null && keep) {
                nested.copyCurrentEvent(parser);
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    depth++;
                    if (depth > maxDepth && walk.problem == null) {
                        walk.problem = new Rejection(
                                RejectRule.TOO_DEEP, "the record is nested deeper than " + maxDepth + " levels");
                    }
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    if (depth == 1 && nested != null) {
                        nested.close();
                        walk.add(name, nestedText.toString(), true, seen);
                        nested = null;
                    }
                }
                case FIELD_NAME -> name = depth == 1 ? parser.currentName() : name;
                case VALUE_NULL -> {
                    if (depth == 1) {
                        walk.add(name, null, false, seen);
                    }
                }
                default -> {
                    if (depth == 1) {
                        walk.add(name, parser.getText(), false, seen);
                    }
                }
            }
        }
        return walk;
    }

    /** Where the parser is, in bytes (a byte parser) or characters (a character one). */
    private static long offset(JsonLocation location) {
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    /** The fields of one record as they are walked. */
    private static final class Walk {
        final List<String> names = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final List<Boolean> nested = new ArrayList<>();
        Rejection problem;

        void add(String sourceName, String value, boolean isNested, Set<String> seen) {
            if (value != null && problem == null && unpairedSurrogate(value)) {
                // An escaped lone half of a surrogate pair (U+D800 to U+DFFF) decodes to no character at all.
                problem = new Rejection(
                        RejectRule.ENCODING, "field " + sourceName + " holds an unpaired surrogate escape, not text");
            }
            String name = ColumnNames.normalise(sourceName);
            if (name.isEmpty()) {
                name = "_c" + (names.size() + 1);
            }
            if (!seen.add(name) && problem == null) {
                problem = new Rejection(RejectRule.DUPLICATE_FIELD, "the record names column " + name + " twice");
            }
            names.add(name);
            values.add(value);
            nested.add(isNested);
        }

        SourceRecord record(long line, long number, Supplier<String> raw) {
            if (problem != null) {
                return new SourceRecord(line, number, new String[0], new String[0], new boolean[0], problem, raw);
            }
            boolean[] flags = new boolean[nested.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = nested.get(i);
            }
            return new SourceRecord(
                    line, number, names.toArray(String[]::new), values.toArray(String[]::new), flags, null, raw);
        }
    }

    private static boolean unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private SourceRecord rejected(Rejection problem, Supplier<String> raw) {
        return rejectedAt(line, problem, raw);
    }

    private SourceRecord rejectedAt(long at, Rejection problem, Supplier<String> raw) {
        return new SourceRecord(at, records, new String[0], new String[0], new boolean[0], problem, raw);
    }

    private String lineText() {
        return lineBytes.display(0, lineBytes.length(), charset, RAW_LIMIT);
    }

    private static String clip(String text) {
        return text.length() > RAW_LIMIT
                ? text.substring(0, RAW_LIMIT) + "... (" + text.length() + " characters)"
                : text;
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Jackson's message without its source excerpt: the first line, and the line and column. */
    private static String jacksonMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String first = message == null
                ? "malformed JSON"
                : message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message);
        return e.getLocation() == null
                ? first
                : first + " (column " + e.getLocation().getColumnNr() + ")";
    }

    private void skipByteOrderMark(PushbackInputStream stream) throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return;
        }
        byte[] head = new byte[3];
        int n = stream.readNBytes(head, 0, 3);
        if (n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return;
        }
        stream.unread(head, 0, n);
    }

    /** True when the first character after white space is {@code [}; the white space is consumed. */
    private boolean startsWithBracket(PushbackInputStream stream) throws IOException {
        int b = stream.read();
        int skippedLines = 0;
        while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            skippedLines += b == '\n' ? 1 : 0;
            b = stream.read();
        }
        if (b >= 0) {
            stream.unread(b);
        }
        if (b == '[') {
            return true;
        }
        line += skippedLines;
        return false;
    }

    private JsonParser startArray(InputStream stream) throws IOException {
        JsonParser parser = charset.equals(StandardCharsets.UTF_8)
                ? factory.createParser(stream)
                : factory.createParser(new InputStreamReader(stream, strict == null ? charset.newDecoder() : strict));
        try {
            parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new InvalidSourceFile("the file's array does not parse: " + jacksonMessage(e));
        }
        return parser;
    }
}
