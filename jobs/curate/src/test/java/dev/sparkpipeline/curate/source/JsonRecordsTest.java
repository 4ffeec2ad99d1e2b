package dev.sparkpipeline.curate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.dataset.RejectRule;
import dev.sparkpipeline.core.dataset.RowRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON reader: JSON Lines or one array of objects, each record walked with bounded depth and size. */
class JsonRecordsTest {

    @Test
    void readsEachLineAsARecordWithValuesAsWritten() {
        List<SourceRecord> records = read(
                "{\"Order ID\": \"o-1\", \"amount\": 12.50, \"paid\": true, \"note\": null}\n\n{\"amount\": 1e3}\n");

        assertThat(records.get(0).names()).containsExactly("order_id", "amount", "paid", "note");
        assertThat(records.get(0).values()).containsExactly("o-1", "12.50", "true", null);
        assertThat(records.get(1).line()).isEqualTo(3);
        assertThat(records.get(1).values()).containsExactly("1e3");
    }

    @Test
    void readsOneArrayOfObjects() {
        List<SourceRecord> records = read("[\n  {\"id\": 1},\n  {\"id\": 2, \"tags\": [\"a\"]}\n]\n");

        assertThat(records).extracting(r -> r.line() + ":" + r.values()[0]).containsExactly("2:1", "3:2");
        assertThat(records.get(1).nested()).containsExactly(false, true);
        assertThat(records.get(1).raw().get()).isEqualTo("{\"id\":2,\"tags\":[\"a\"]}");
    }

    @Test
    void aMalformedLineIsRejectedAndTheNextOneRead() {
        List<SourceRecord> records = read("{\"id\": 1,}\n{\"id\": 2}\n");

        assertThat(records.get(0).problem().rule()).isEqualTo(RejectRule.MALFORMED_JSON);
        assertThat(records.get(0).raw().get()).isEqualTo("{\"id\": 1,}");
        assertThat(records.get(1).values()).containsExactly("2");
    }

    @Test
    void aLineThatIsNotAnObjectOrHasTextAfterItIsRejected() {
        List<SourceRecord> records = read("{\"id\": 0}\n[1, 2]\n{\"id\": 1} {\"id\": 2}\n");

        assertThat(records)
                .extracting(r -> r.problem() == null ? "ok" : r.problem().rule().id())
                .containsExactly("ok", "not_an_object", "malformed_json");
    }

    @Test
    void aJsonLinesFileStartingWithAnArrayLineRejectsThatLineAndReadsTheRest() {
        JsonRecords records = new JsonRecords(
                new ByteArrayInputStream("[1,2]\n{\"id\": \"e1\"}\n".getBytes(StandardCharsets.UTF_8)),
                RowRules.defaults(),
                JsonRecords.mayHoldAnArray("orders.jsonl"));

        assertThat(records.next().problem().rule()).isEqualTo(RejectRule.NOT_AN_OBJECT);
        assertThat(records.next().values()).containsExactly("e1");
    }

    @Test
    void aNestedValueKeepsItsJsonText() {
        SourceRecord record =
                read("{\"id\": \"r1\", \"meta\": {\"a\": [1, 2]}}\n").get(0);

        assertThat(record.values()).containsExactly("r1", "{\"a\":[1,2]}");
        assertThat(record.nested()).containsExactly(false, true);
    }

    @Test
    void anUnpairedSurrogateEscapeIsNotText() {
        assertThat(read("{\"id\": \"s1\", \"s\": \"a\\ud800b\"}\n")
                        .get(0)
                        .problem()
                        .rule())
                .isEqualTo(RejectRule.ENCODING);
    }

    @Test
    void anArrayElementLongerThanTheBoundIsRejected() {
        RowRules small = ReaderRules.bounded(100);

        List<SourceRecord> records = read(
                ("[{\"id\": \"z1\", \"s\": \"" + "q".repeat(120) + "\"}, {\"id\": \"z2\"}]")
                        .getBytes(StandardCharsets.UTF_8),
                small);

        assertThat(records.get(0).problem().rule()).isEqualTo(RejectRule.TOO_LARGE);
        assertThat(records.get(1).values()).containsExactly("z2");
    }

    @Test
    void aColumnNamedTwiceIsRejected() {
        assertThat(read("{\"id\": 1, \"ID\": 2}\n").get(0).problem().message())
                .isEqualTo("the record names column id twice");
    }

    @Test
    @Timeout(10)
    void aRecordNestedTooDeepIsRejectedWithinSeconds() {
        String deep = "{\"id\": 1, \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}\n{\"id\": 2}\n";

        List<SourceRecord> records = read(deep);

        assertThat(records.get(0).problem().message()).isEqualTo("the record is nested deeper than 32 levels");
        assertThat(records.get(1).values()).containsExactly("2");
    }

    @Test
    void aLineLongerThanTheBoundIsRejected() {
        RowRules small = ReaderRules.bounded(32);

        List<SourceRecord> records =
                read(("{\"id\": \"" + "x".repeat(100) + "\"}\n{\"id\": 2}\n").getBytes(StandardCharsets.UTF_8), small);

        assertThat(records.get(0).problem().rule()).isEqualTo(RejectRule.TOO_LARGE);
        assertThat(records.get(1).values()).containsExactly("2");
    }

    @Test
    void invalidBytesRejectTheirLine() {
        byte[] bytes = "{\"id\": \"\u00ff\"}\n{\"id\": 2}\n".getBytes(StandardCharsets.ISO_8859_1);

        List<SourceRecord> records = read(bytes, RowRules.defaults());

        assertThat(records.get(0).problem().rule()).isEqualTo(RejectRule.ENCODING);
        assertThat(records.get(1).values()).containsExactly("2");
    }

    @Test
    void aSyntaxErrorInAnArrayFailsTheFile() {
        assertThatThrownBy(() -> read("[{\"id\": 1}, {\"id\": ]"))
                .isInstanceOf(InvalidSourceFile.class)
                .hasMessageStartingWith("element 2 of the file's array: ")
                .hasMessageEndingWith("; the rest of the array cannot be read");
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsRejected() {
        List<SourceRecord> records = read("[{\"id\": 1}, 7, {\"id\": 3}]");

        assertThat(records)
                .extracting(r ->
                        r.problem() == null ? r.values()[0] : r.problem().rule().id())
                .containsExactly("1", "not_an_object", "3");
    }

    static List<SourceRecord> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), RowRules.defaults());
    }

    static List<SourceRecord> read(byte[] bytes, RowRules rules) {
        return RecordSnapshots.of(new JsonRecords(new ByteArrayInputStream(bytes), rules, true));
    }
}
