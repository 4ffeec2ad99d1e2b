package dev.sparkpipeline.core.landing;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where the pipeline keeps what it records about one landed object: a copy at
 * {@code <prefix><yyyy/MM/dd>/<object id>/<key>} and its reason document at
 * {@code <copy>.reason.json}. The object id ({@link ObjectIdentity#shortId()}) keeps two different
 * files of the same name apart; the date is the object's landing time, never the clock of the
 * call that writes it, so a retry after midnight lands on the same record. A key too long for
 * S3's 1,024-byte limit once prefixed keeps its last path segment, shortened to fit: the folder
 * already makes the name unique, and the reason document carries the whole key.
 *
 * @param copyKey   key of the copy
 * @param reasonKey key of the reason document
 */
public record RecordLocation(String copyKey, String reasonKey) {

    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final String REASON_SUFFIX = ".reason.json";
    private static final int DAY_LENGTH = "yyyy/MM/dd".length();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /** The record of {@code object} under {@code prefix}, in the folder of the day it landed. */
    public static RecordLocation of(String prefix, ObjectIdentity object, Instant landedAt) {
        String folder = prefix + DAY.format(landedAt) + "/" + object.shortId() + "/";
        int budget = MAX_KEY_BYTES - utf8(folder) - utf8(REASON_SUFFIX);
        String name = utf8(object.key()) <= budget ? object.key() : shortened(lastSegment(object.key()), budget);
        String copyKey = folder + name;
        return new RecordLocation(copyKey, copyKey + REASON_SUFFIX);
    }

    /**
     * The day records of an execution's source are filed under: the landing time its input
     * carries, else the stored version's Last-Modified, else {@code fallback} (the execution's
     * start). Each is fixed for the object, so every retry and every later run agree.
     */
    public static Instant landingTime(SourceObject source, Optional<StoredObject> stored, Instant fallback) {
        if (source.landedAt() != null) {
            return source.landedAt();
        }
        return stored.map(StoredObject::lastModified).orElse(fallback);
    }

    /**
     * The day folder of a record key made by {@link #of} with this prefix, as the start of that day
     * (UTC); empty for a key of another shape.
     */
    public static Optional<Instant> dayOf(String prefix, String key) {
        if (!key.startsWith(prefix) || key.length() < prefix.length() + DAY_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(key.substring(prefix.length(), prefix.length() + DAY_LENGTH), DAY)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant());
        } catch (DateTimeParseException notADay) {
            return Optional.empty();
        }
    }

    private static String lastSegment(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        String segment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return segment.isEmpty() ? "object" : segment;
    }

    /** The longest tail of {@code name} that fits in {@code budget} bytes, cut between code points; the tail keeps the extension. */
    private static String shortened(String name, int budget) {
        int start = name.length();
        int bytes = 0;
        while (start > 0) {
            int codePoint = name.codePointBefore(start);
            int size = utf8(new String(Character.toChars(codePoint)));
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            start -= Character.charCount(codePoint);
        }
        return name.substring(start);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
