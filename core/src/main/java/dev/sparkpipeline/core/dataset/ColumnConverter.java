package dev.sparkpipeline.core.dataset;

import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * Converts one column's text to its declared type exactly, or says which rule the text breaks:
 * a value is never rounded, truncated, shifted or guessed. The rules, per type, are the README's
 * section 'Rows: what "exactly" means'; the same converter serves every format and every engine.
 *
 * <p>Values are Java types Spark takes with {@code spark.sql.datetime.java8API.enabled}:
 * String, Integer, Long, Double, Boolean, BigDecimal, LocalDate, Instant.
 */
public final class ColumnConverter implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Spark's dates and timestamps in Parquet: years 1 to 9999 (Spark's own datetime range for parsing). */
    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);

    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant LAST_INSTANT = LAST_DAY.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC);

    private final ColumnSpec column;
    private final char decimalSeparator;
    private final char thousandsSeparator;
    private final ZoneId zone;
    private transient DateTimeFormatter formatter;
    private transient boolean formatHasDate;

    private ColumnConverter(ColumnSpec column, RowRules rules) {
        this.column = column;
        this.decimalSeparator = rules.decimalSeparator();
        this.thousandsSeparator = rules.thousandsSeparator();
        this.zone = column.timeZone() != null ? column.timeZone() : rules.timeZone();
    }

    /** The converter of a column under its dataset's rules; a bad format pattern is an {@link IllegalArgumentException}. */
    public static ColumnConverter of(ColumnSpec column, RowRules rules) {
        ColumnConverter converter = new ColumnConverter(column, rules);
        converter.formatter();
        return converter;
    }

    /** The column converted. */
    public ColumnSpec column() {
        return column;
    }

    /**
     * The value of {@code text} (not null, not empty) in the column's type, or a {@link Rejection}.
     */
    public Object convert(String text) {
        return switch (column.type().kind()) {
            case STRING -> text;
            case INT -> integral(text.strip(), INT_MIN, INT_MAX, true);
            case BIGINT -> integral(text.strip(), LONG_MIN, LONG_MAX, false);
            case DECIMAL -> decimal(text.strip());
            case DOUBLE -> floating(text.strip());
            case BOOLEAN -> bool(text.strip());
            case DATE -> date(text.strip());
            case TIMESTAMP -> timestamp(text.strip());
        };
    }

    private Object integral(String text, BigDecimal min, BigDecimal max, boolean narrow) {
        String number = canonicalNumber(text);
        if (number == null) {
            return notANumber(text);
        }
        if (plainInteger(number) && number.length() <= 18) {
            long value = Long.parseLong(number);
            if (narrow && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                return outOfRange(text);
            }
            return boxed(value, narrow);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException | ArithmeticException e) {
            return outOfRange(text);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return new Rejection(RejectRule.FRACTION, quoted(text) + " is not a whole number (" + column.type() + ")");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            return outOfRange(text);
        }
        return boxed(value.longValueExact(), narrow);
    }

    /** An Integer for int columns, a Long for bigint (a conditional expression would box both as Long). */
    private static Object boxed(long value, boolean narrow) {
        if (narrow) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }

    private Object decimal(String text) {
        String number = canonicalNumber(text);
        if (number == null) {
            return notANumber(text);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException | ArithmeticException e) {
            return outOfRange(text);
        }
        int scale = column.type().scale();
        if (value.scale() > scale) {
            try {
                value = value.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException inexact) {
                return new Rejection(
                        RejectRule.SCALE,
                        quoted(text) + " has more than " + scale + " digits after the point (" + column.type()
                                + " would round it)");
            }
        }
        if (value.precision() - value.scale() > column.type().precision() - scale) {
            return outOfRange(text);
        }
        return value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private Object floating(String text) {
        String number = canonicalNumber(text);
        if (number == null) {
            return notANumber(text);
        }
        double value = Double.parseDouble(number);
        if (Double.isInfinite(value) || (value == 0 && new BigDecimal(number).signum() != 0)) {
            return outOfRange(text);
        }
        return value;
    }

    private Object bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        return new Rejection(RejectRule.NOT_A_BOOLEAN, quoted(text) + " is not true or false");
    }

    private Object date(String text) {
        if (column.format() == null) {
            LocalDate day = isoDay(text, 0);
            if (day != null && text.length() == 10) {
                return inRange(day) ? day : outOfRange(text);
            }
        }
        Object parsed = parse(text);
        if (parsed instanceof Rejection rejection) {
            return rejection;
        }
        TemporalAccessor temporal = (TemporalAccessor) parsed;
        LocalDate day = temporal.query(TemporalQueries.localDate());
        if (day == null) {
            return noDate(text);
        }
        return inRange(day) ? day : outOfRange(text);
    }

    private Object timestamp(String text) {
        if (column.format() == null) {
            Object fast = isoTimestamp(text);
            if (fast != null) {
                return fast;
            }
        }
        Object parsed = parse(text);
        if (parsed instanceof Rejection rejection) {
            return rejection;
        }
        TemporalAccessor temporal = (TemporalAccessor) parsed;
        LocalDate day = temporal.query(TemporalQueries.localDate());
        LocalTime time = temporal.query(TemporalQueries.localTime());
        if (day == null) {
            if (formatHasDate || column.format() == null) {
                return noDate(text);
            }
            // The format declares a time of day only: the day is the epoch's, as Spark's own parser takes it.
            day = LocalDate.EPOCH;
        }
        ZoneOffset offset = temporal.query(TemporalQueries.offset());
        ZoneId region = temporal.query(TemporalQueries.zoneId());
        LocalDateTime local = LocalDateTime.of(day, time == null ? LocalTime.MIDNIGHT : time);
        if (offset != null
                && region != null
                && !(region instanceof ZoneOffset)
                && !region.getRules().isValidOffset(local, offset)) {
            return new Rejection(
                    RejectRule.IMPOSSIBLE_DATE,
                    quoted(text) + ": " + offset + " is not the offset of " + region + " then");
        }
        return instant(text, day, local.toLocalTime(), offset != null ? offset : region);
    }

    /** The instant of a local date and time in {@code in} (or the column's zone), or why there is none. */
    private Object instant(String text, LocalDate day, LocalTime time, ZoneId in) {
        if (!inRange(day)) {
            return outOfRange(text);
        }
        LocalDateTime local = LocalDateTime.of(day, time);
        // Only the digits below the second matter here: nanos-of-second is the field to look at.
        @SuppressWarnings("JavaLocalDateTimeGetNano")
        boolean belowMicros = local.getNano() % 1000 != 0;
        if (belowMicros) {
            return new Rejection(
                    RejectRule.SCALE,
                    quoted(text) + " has digits below the microsecond (timestamps keep microseconds)");
        }
        ZoneId zoneOfText = in != null ? in : zone;
        Instant instant;
        if (zoneOfText instanceof ZoneOffset fixed) {
            instant = local.toInstant(fixed);
        } else {
            List<ZoneOffset> offsets = zoneOfText.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                return new Rejection(
                        RejectRule.IMPOSSIBLE_DATE,
                        quoted(text) + " does not exist in " + zoneOfText + " (the clocks skipped it)");
            }
            if (offsets.size() > 1) {
                return new Rejection(
                        RejectRule.AMBIGUOUS_TIME,
                        quoted(text) + " happens twice in " + zoneOfText + " (the clocks went back): write its offset");
            }
            instant = local.toInstant(offsets.get(0));
        }
        // The instant, not only the date as written, must be one Spark holds: years 1 to 9999 in UTC.
        return instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT) ? outOfRange(text) : instant;
    }

    /**
     * The common ISO forms read without a formatter ({@code 2026-11-22T08:00:00Z},
     * {@code 2026-11-22 08:00:00.123+01:00}): a formatter costs a microsecond a value. Anything
     * else, and any value out of its field's range, returns null for the formatter to decide.
     */
    private Object isoTimestamp(String text) {
        int length = text.length();
        if (length < 19) {
            return null;
        }
        LocalDate day = isoDay(text, 0);
        char separator = text.charAt(10);
        if (day == null || (separator != 'T' && separator != ' ') || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 6 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == start || (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9')) {
                return null;
            }
            nanos = digits(text, start, at - start);
            for (int i = at - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneId offset = null;
        if (at < length) {
            if (text.charAt(at) == 'Z' && at + 1 == length) {
                offset = ZoneOffset.UTC;
            } else if ((text.charAt(at) == '+' || text.charAt(at) == '-')
                    && at + 6 == length
                    && text.charAt(at + 3) == ':') {
                int hours = digits(text, at + 1, 2);
                int minutes = digits(text, at + 4, 2);
                if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                    return null;
                }
                int sign = text.charAt(at) == '-' ? -1 : 1;
                offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
            } else {
                return null;
            }
        }
        return instant(text, day, LocalTime.of(hour, minute, second, nanos), offset);
    }

    /** {@code yyyy-MM-dd} at {@code from} as a real day, or null (not that form, or not a real day). */
    private static LocalDate isoDay(String text, int from) {
        if (text.length() < from + 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The text parsed by the column's format, or why it does not parse. */
    private Object parse(String text) {
        DateTimeFormatter format = formatter();
        String candidate = column.format() == null && text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        try {
            return format.parse(candidate);
        } catch (DateTimeException failed) {
            ParsePosition position = new ParsePosition(0);
            TemporalAccessor unresolved = format.parseUnresolved(candidate, position);
            if (unresolved != null && position.getErrorIndex() < 0 && position.getIndex() == candidate.length()) {
                return new Rejection(
                        RejectRule.IMPOSSIBLE_DATE,
                        quoted(text) + " is not a real "
                                + (column.type().kind() == ColumnType.Kind.DATE ? "date" : "date and time"));
            }
            if (column.format() == null && looksLikeTimeOfDay(candidate)) {
                return noDate(text);
            }
            String expected = column.format() == null
                    ? (column.type().kind() == ColumnType.Kind.DATE
                            ? "yyyy-MM-dd"
                            : "ISO-8601 (yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][offset])")
                    : column.format();
            return new Rejection(
                    RejectRule.NOT_A_DATE, quoted(text) + " is not a " + column.type() + " in the format " + expected);
        }
    }

    private static boolean looksLikeTimeOfDay(String text) {
        String time = text.startsWith("T") ? text.substring(1) : text;
        try {
            DateTimeFormatter.ISO_TIME.parse(time);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private DateTimeFormatter formatter() {
        if (formatter == null) {
            DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
            if (column.format() != null) {
                if (column.format().isBlank()) {
                    throw new IllegalArgumentException("format is empty (leave it out for ISO-8601)");
                }
                try {
                    builder.appendPattern(strictYears(column.format()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "format " + quoted(column.format()) + " is not a datetime pattern: " + e.getMessage(), e);
                }
                formatHasDate = hasLetters(column.format(), DATE_LETTERS);
            } else if (column.type().kind() == ColumnType.Kind.DATE) {
                builder.append(DateTimeFormatter.ISO_LOCAL_DATE);
            } else {
                builder.append(DateTimeFormatter.ISO_LOCAL_DATE)
                        .optionalStart()
                        .appendLiteral('T')
                        .append(DateTimeFormatter.ISO_LOCAL_TIME)
                        .optionalEnd()
                        .optionalStart()
                        .appendOffset("+HH:MM:ss", "Z")
                        .optionalEnd()
                        .optionalStart()
                        .appendOffset("+HHmm", "Z")
                        .optionalEnd()
                        .optionalStart()
                        .appendLiteral('[')
                        .parseCaseSensitive()
                        .appendZoneRegionId()
                        .appendLiteral(']')
                        .optionalEnd();
                formatHasDate = true;
            }
            formatter = builder.toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT)
                    .withChronology(IsoChronology.INSTANCE);
            if (column.format() != null) {
                checkReadsBack(formatter);
            }
        }
        return formatter;
    }

    /**
     * A pattern must read back what it writes, whole: a pattern whose fields cannot resolve to a
     * date or a time of day ({@code YYYY}, the week-based year, with {@code MM-dd}; {@code hh}
     * without {@code a}) would turn values into midnight or nothing, and a date column's pattern
     * may not hold a time of day, which it would drop.
     */
    private void checkReadsBack(DateTimeFormatter format) {
        String pattern = quoted(column.format());
        boolean timeLetters = hasLetters(column.format(), TIME_LETTERS);
        if (column.type().kind() == ColumnType.Kind.DATE && timeLetters) {
            throw new IllegalArgumentException("format " + pattern
                    + " holds a time of day, which a date column would drop " + "(declare the column timestamp)");
        }
        ZonedDateTime sample = ZonedDateTime.of(2024, 5, 6, 13, 45, 30, 123_456_000, ZoneOffset.UTC);
        TemporalAccessor back;
        String written;
        try {
            written = format.withZone(ZoneOffset.UTC).format(sample);
            back = format.parse(written);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "format " + pattern + " does not read back what it writes: " + e.getMessage(), e);
        }
        if (formatHasDate && back.query(TemporalQueries.localDate()) == null) {
            throw new IllegalArgumentException(
                    "format " + pattern + " does not resolve to a date (Y is the week-based year: "
                            + "use y; D is the day of the year: use d)");
        }
        if (timeLetters && back.query(TemporalQueries.localTime()) == null) {
            throw new IllegalArgumentException("format " + pattern
                    + " does not resolve to a time of day (hh is a 12-hour clock " + "and needs a: use HH)");
        }
    }

    /**
     * Spark's {@code yyyy} is the proleptic year; in java.time's strict resolution {@code y} is the
     * year of an era and resolves only with one, so patterns read {@code u} for it.
     */
    private static String strictYears(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean literal = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                literal = !literal;
            }
            out.append(!literal && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }

    private static final String DATE_LETTERS = "yuYMLdDQqwWEe";
    private static final String TIME_LETTERS = "HhkKmsSanAN";

    private static boolean hasLetters(String pattern, String letters) {
        boolean literal = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                literal = !literal;
            } else if (!literal && letters.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(LocalDate day) {
        return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
    }

    /**
     * The number in plain ASCII form ({@code -1234.5}, {@code 1e3}) with the dataset's separators
     * removed, or null when the text is not a number: grouping must be in threes, and hexadecimal,
     * {@code NaN}, {@code Infinity} and suffixes such as {@code 1.5d} are not numbers.
     */
    String canonicalNumber(String text) {
        int length = text.length();
        if (length == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        char first = text.charAt(0);
        if (first == '+' || first == '-') {
            if (first == '-') {
                out.append('-');
            }
            i++;
        }
        int digitsBefore = 0;
        int groupDigits = 0;
        boolean grouped = false;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
                digitsBefore++;
                groupDigits++;
            } else if (thousandsSeparator != 0 && c == thousandsSeparator) {
                // The first group has one to three digits, every later one exactly three.
                if (grouped ? groupDigits != 3 : groupDigits < 1 || groupDigits > 3) {
                    return null;
                }
                grouped = true;
                groupDigits = 0;
            } else {
                break;
            }
        }
        if (grouped && groupDigits != 3) {
            return null;
        }
        int digitsAfter = 0;
        if (i < length && text.charAt(i) == decimalSeparator) {
            out.append('.');
            for (i++; i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                out.append(text.charAt(i));
                digitsAfter++;
            }
        }
        if (digitsBefore + digitsAfter == 0) {
            return null;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            out.append('e');
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                out.append(text.charAt(i++));
            }
            int exponentDigits = 0;
            for (; i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                out.append(text.charAt(i));
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return null;
            }
        }
        return i == length ? out.toString() : null;
    }

    private static boolean plainInteger(String number) {
        for (int i = number.charAt(0) == '-' ? 1 : 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private Rejection notANumber(String text) {
        return new Rejection(RejectRule.NOT_A_NUMBER, quoted(text) + " is not a number (" + column.type() + ")");
    }

    private Rejection outOfRange(String text) {
        return new Rejection(RejectRule.OUT_OF_RANGE, quoted(text) + " is out of range for " + column.type());
    }

    private Rejection noDate(String text) {
        return new Rejection(RejectRule.NO_DATE, quoted(text) + " has no date (" + column.type() + " needs one)");
    }

    /** A value as quoted in messages: at most 60 characters of it. */
    static String quoted(String text) {
        return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
}
