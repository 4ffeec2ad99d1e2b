package dev.sparkpipeline.curate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.dataset.CsvOptions;
import dev.sparkpipeline.core.dataset.RowRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any table of values, written as RFC 4180 CSV (quoting what needs it), reads back value for value:
 * delimiters, quotes, line breaks, spaces and any Unicode inside a value survive, and rows keep their lines.
 */
class CsvRecordsProperties {

    @Property(tries = 300)
    void everyWrittenValueReadsBackExactly(@ForAll("tables") List<List<String>> rows) {
        int width = rows.get(0).size();
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            header.add("c" + i);
        }
        csv.append(String.join(",", header)).append("\r\n");
        for (List<String> row : rows) {
            List<String> fields = new ArrayList<>();
            row.forEach(value -> fields.add('"' + value.replace("\"", "\"\"") + '"'));
            csv.append(String.join(",", fields)).append("\n");
        }

        CsvRecords records = new CsvRecords(
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                new CsvOptions(',', '"'),
                RowRules.defaults());
        List<List<String>> read = new ArrayList<>();
        while (records.hasNext()) {
            SourceRecord record = records.next();
            assertThat(record.problem()).isNull();
            read.add(List.of(record.values()));
        }

        assertThat(read).isEqualTo(rows);
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        // Whole code points (an emoji is two chars: a lone half would not be text at all).
        Arbitrary<String> value = Arbitraries.of(
                        ",", "\"", "\n", "\r", "\r\n", " ", "\t", ";", "'", "a", "Z", "0", "9", "é", "€", "😀",
                        "\u00A0", "x y")
                .list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .map(parts -> String.join("", parts));
        return Arbitraries.integers()
                .between(1, 5)
                .flatMap(width -> value.list().ofSize(width).list().ofMinSize(1).ofMaxSize(20));
    }
}
