package dev.sparkpipeline.curate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.dataset.CsvOptions;
import dev.sparkpipeline.core.dataset.RejectRule;
import dev.sparkpipeline.core.dataset.RowRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict CSV reader, record by record: what a value is, where a record starts, and when a record is broken. */
class CsvRecordsTest {

    @Test
    void aQuotedLineBreakIsPartOfItsValueAndLinesAreCountedAcrossIt() {
        List<SourceRecord> records = read("id,status\n1,\"PAID\nLATE\"\n2,OPEN\n");

        assertThat(records)
                .extracting(r -> r.line() + ":" + String.join("|", r.values()))
                .containsExactly("2:1|PAID\nLATE", "4:2|OPEN");
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreNotPartOfTheData() {
        List<SourceRecord> records = read("\uFEFFid,status\r\n1,open\r\n2,\"a\r\nb\"\r\n");

        assertThat(records).extracting(r -> String.join("|", r.values())).containsExactly("1|open", "2|a\r\nb");
        assertThat(records.get(0).names()).containsExactly("id", "status");
    }

    @Test
    void doubledQuotesAndDelimitersInsideQuotesAreText() {
        assertThat(read("a,b\n\"say \"\"hi\"\", then go\",x\n").get(0).values())
                .containsExactly("say \"hi\", then go", "x");
    }

    @Test
    void spacesAroundUnquotedValuesAreDroppedInsideQuotesKept() {
        assertThat(read("a,b\n  x  ,\"  y  \"\n").get(0).values()).containsExactly("x", "  y  ");
    }

    @Test
    void anEmptyFieldHasNoValueAndAnEmptyQuotedFieldIsTheEmptyString() {
        assertThat(read("a,b\n,\"\"\n").get(0).values()).containsExactly(null, "");
    }

    @Test
    void aRowWithAnotherFieldCountIsRejectedNotShifted() {
        List<SourceRecord> records = read("date,rain,wind\n2016-03-06,1,5,10.0\n2016-03-07,2\n2016-03-08,3,4\n");

        assertThat(records)
                .extracting(r -> r.problem() == null
                        ? "ok"
                        : r.problem().rule() + " " + r.problem().message())
                .containsExactly(
                        "FIELD_COUNT the record has 4 fields; the header has 3",
                        "FIELD_COUNT the record has 2 fields; the header has 3",
                        "ok");
        assertThat(records.get(0).raw().get()).isEqualTo("2016-03-06,1,5,10.0");
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        SourceRecord record = read("a,b\n\"x\"y,z\n").get(0);

        assertThat(record.problem().rule()).isEqualTo(RejectRule.MALFORMED_CSV);
    }

    @Test
    void aQuoteNeverClosedFailsTheFile() {
        assertThatThrownBy(() -> read("a,b\n1,\"open\n2,x\n"))
                .isInstanceOf(InvalidSourceFile.class)
                .hasMessage("line 2: a quoted field is never closed (the file ends inside it)");
    }

    @Test
    void invalidBytesRejectTheirRowWithTheColumn() {
        byte[] file = concat(
                "id,name\n1,".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28},
                "\n2,ok\n".getBytes(StandardCharsets.UTF_8));

        List<SourceRecord> records = read(file, RowRules.defaults());

        assertThat(records.get(0).problem().message()).isEqualTo("column name holds bytes that are not valid UTF-8");
        assertThat(records.get(0).raw().get()).isEqualTo("1,\uFFFD(");
        assertThat(records.get(1).values()).containsExactly("2", "ok");
    }

    @Test
    void invalidBytesCanFailTheFile() {
        byte[] file = concat(
                "id,name\n1,".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF},
                "\n".getBytes(StandardCharsets.UTF_8));
        RowRules failFile = ReaderRules.encoded("UTF-8", RowRules.InvalidEncoding.FAIL_FILE);

        assertThatThrownBy(() -> read(file, failFile))
                .hasMessage("line 2, column name: bytes that are not valid UTF-8 (invalidEncoding: fail-file)");
    }

    @Test
    void aWindows1252FileReadsItsOwnCharacters() {
        RowRules cp1252 = ReaderRules.encoded("windows-1252", RowRules.InvalidEncoding.REJECT_ROW);

        assertThat(read("id,name\n1,Zoë €\n".getBytes(java.nio.charset.Charset.forName("windows-1252")), cp1252)
                        .get(0)
                        .values())
                .containsExactly("1", "Zoë €");
    }

    @Test
    void aRecordLongerThanTheBoundIsRejectedAndTheNextOneRead() {
        RowRules small = ReaderRules.bounded(16);

        List<SourceRecord> records =
                read("a,b\n1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n2,y\n".getBytes(StandardCharsets.UTF_8), small);

        assertThat(records.get(0).problem().rule()).isEqualTo(RejectRule.TOO_LARGE);
        assertThat(records.get(1).values()).containsExactly("2", "y");
        assertThat(records.get(1).line()).isEqualTo(3);
    }

    @Test
    void aQuotedFieldLongerThanTheBoundRejectsItsRecordAndReadingGoesOnAfterItsClosingQuote() {
        RowRules small = ReaderRules.bounded(100);
        String csv = "id,s,i\n1," + "y".repeat(120) + ",\"x\n9,phantom,9\n\"\"end\"\n2,b,2\n";

        List<SourceRecord> records = read(csv.getBytes(StandardCharsets.UTF_8), small);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).problem().rule()).isEqualTo(RejectRule.TOO_LARGE);
        assertThat(records.get(1).values()).containsExactly("2", "b", "2");
        assertThat(records.get(1).line()).isEqualTo(5);
    }

    @Test
    void blankLinesAreNotRecords() {
        assertThat(read("a\n\n1\n   \n2\n")).extracting(SourceRecord::number).containsExactly(1L, 2L);
    }

    @Test
    void aHeaderNamingAColumnTwiceFailsTheFileAndAnUnnamedColumnIsNumbered() {
        assertThatThrownBy(() -> read("id,ID\n1,2\n")).hasMessage("the header names column id twice (columns 1 and 2)");
        assertThat(read("id,\n1,2\n").get(0).names()).containsExactly("id", "_c2");
    }

    @Test
    void anEmptyFileHasNoHeader() {
        assertThatThrownBy(() -> read("")).hasMessage("the file has no header line");
    }

    static List<SourceRecord> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), RowRules.defaults());
    }

    static List<SourceRecord> read(byte[] bytes, RowRules rules) {
        return RecordSnapshots.of(new CsvRecords(new ByteArrayInputStream(bytes), new CsvOptions(',', '"'), rules));
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
