package dev.sparkpipeline.curate.source;

import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import java.util.function.Supplier;

/**
 * One record of a landed file, as read: its position, its fields by (normalised) source name,
 * and, when the record itself is broken, why. Readers reuse their buffers: {@link #raw} is valid
 * until the reader moves to the next record.
 *
 * @param line    the line the record starts on (1 is the first line of the file), 0 where a format has no lines
 * @param number  the record's number among the file's data records (1 is the first after any header)
 * @param names   source column names, normalised; shared by every record of a CSV file
 * @param values  each name's value as text; null where the source has none (an empty CSV field, a JSON null)
 * @param nested  per name, true where the value is an object or array (JSON), or null when none is
 * @param problem why the whole record is rejected, or null
 * @param raw     the record as read (bytes outside the encoding shown as U+FFFD)
 */
// Per-record hot path: the arrays are the readers' own, and no record is compared or hashed, where
// array components would compare by identity.
@SuppressWarnings("ArrayRecordComponent")
public record SourceRecord(
        long line,
        long number,
        String[] names,
        String[] values,
        boolean[] nested,
        Rejection problem,
        Supplier<String> raw) {}
