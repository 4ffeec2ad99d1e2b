package dev.sparkpipeline.curate.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Every record of a reader, each with its raw text taken while it was valid (readers reuse their buffers). */
final class RecordSnapshots {

    private RecordSnapshots() {}

    static List<SourceRecord> of(Iterator<SourceRecord> records) {
        List<SourceRecord> list = new ArrayList<>();
        while (records.hasNext()) {
            SourceRecord record = records.next();
            String raw = record.raw().get();
            list.add(new SourceRecord(
                    record.line(),
                    record.number(),
                    record.names(),
                    record.values(),
                    record.nested(),
                    record.problem(),
                    () -> raw));
        }
        return list;
    }
}
