package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Every generated value is either converted to exactly itself or rejected with a reason: never changed. */
class ColumnConverterProperties {

    @Property
    void aDecimalIsKeptExactlyOrRejected(
            @ForAll("decimals") BigDecimal number,
            @ForAll @IntRange(min = 1, max = 38) int precision,
            @ForAll @IntRange(min = 0, max = 10) int scaleWanted) {
        int scale = Math.min(scaleWanted, precision);
        ColumnConverter converter = converter("decimal(" + precision + "," + scale + ")");

        Object value = converter.convert(number.toPlainString());

        boolean fits = number.stripTrailingZeros().scale() <= scale
                && number.setScale(Math.max(scale, number.scale())).precision() - Math.max(scale, number.scale())
                        <= precision - scale;
        if (value instanceof BigDecimal curated) {
            assertThat(curated).isEqualByComparingTo(number);
            assertThat(curated.scale()).isEqualTo(scale);
            assertThat(fits).isTrue();
        } else {
            assertThat(((Rejection) value).rule()).isIn(RejectRule.SCALE, RejectRule.OUT_OF_RANGE);
        }
    }

    @Property
    void anIntegerIsKeptExactlyOrRejected(@ForAll("decimals") BigDecimal number) {
        Object value = converter("int").convert(number.toString());

        if (value instanceof Integer curated) {
            assertThat(BigDecimal.valueOf(curated)).isEqualByComparingTo(number);
        } else {
            assertThat(((Rejection) value).rule()).isIn(RejectRule.FRACTION, RejectRule.OUT_OF_RANGE);
            assertThat(number.stripTrailingZeros().scale() > 0
                            || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                            || number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0)
                    .isTrue();
        }
    }

    @Property
    void aDateIsKeptExactly(@ForAll("days") LocalDate day) {
        assertThat(converter("date").convert(day.toString())).isEqualTo(day);
    }

    @Property
    void aGroupedNumberReadsAsItsDigits(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int whole) {
        RowRules grouped = RowRules.defaults().withNumberFormat('.', ',');
        String text = String.format(Locale.ROOT, "%,d", whole);

        assertThat(ColumnConverter.of(new ColumnSpec("n", "bigint", false), grouped)
                        .convert(text))
                .isEqualTo((long) whole);
    }

    @Property
    void aTimestampWithAnOffsetIsKeptExactly(
            @ForAll("days") LocalDate day,
            @ForAll @IntRange(min = 0, max = 86_399_999) int millis,
            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes,
            @ForAll boolean space) {
        LocalDateTime local = day.atStartOfDay().plusNanos(millis * 1_000_000L + 123_000L);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        String text =
                local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'" + (space ? " " : "T") + "'HH:mm:ss.SSSSSS"))
                        + offset.getId().replace("Z", "+00:00");

        Object value = converter("timestamp").convert(text);

        Instant expected = local.toInstant(offset);
        if (expected.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                || expected.isAfter(Instant.parse("9999-12-31T23:59:59.999999Z"))) {
            assertThat(((Rejection) value).rule()).isEqualTo(RejectRule.OUT_OF_RANGE);
        } else {
            assertThat(value).isEqualTo(expected);
        }
    }

    @Property
    void aZonelessTimestampIsInTheZoneTheFormatterWouldPutIt(
            @ForAll("days") LocalDate day, @ForAll @IntRange(min = 0, max = 86_399) int seconds) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        ColumnSpec fast = new ColumnSpec("at", ColumnType.parse("timestamp").orElseThrow(), false, null, paris);
        ColumnSpec formatted = new ColumnSpec(
                "at", ColumnType.parse("timestamp").orElseThrow(), false, "yyyy-MM-dd'T'HH:mm:ss", paris);
        String text =
                day.atStartOfDay().plusSeconds(seconds).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));

        assertThat(ColumnConverter.of(fast, RowRules.defaults()).convert(text))
                .isEqualTo(ColumnConverter.of(formatted, RowRules.defaults()).convert(text));
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e15"), new BigDecimal("1e15"))
                .ofScale(6)
                .flatMap(number ->
                        Arbitraries.integers().between(0, 6).map(scale -> number.setScale(scale, RoundingMode.DOWN)));
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs()
                .between(
                        LocalDate.of(1, 1, 1).toEpochDay(),
                        LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    private static ColumnConverter converter(String type) {
        return ColumnConverter.of(new ColumnSpec("c", type, false), RowRules.defaults());
    }
}
