package dev.sparkpipeline.curate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.curate.source.RowShaper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A run's rejected rows counted by file, column and rule in one pass: the breakdown of any set of
 * its files (the manifest's, {@code _rejects.json}'s, one file's for its failure cause), most
 * frequent first.
 */
final class RejectBreakdown {

    /** How many column and rule pairs a failure cause names. */
    private static final int CAUSE_RULES = 3;

    /** Most rows first, then by column (a whole-record rule first) and rule, as Spark sorted them before. */
    private static final Comparator<Manifest.RejectCount> ORDER = Comparator.comparingLong(Manifest.RejectCount::count)
            .reversed()
            .thenComparing(Manifest.RejectCount::column, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Manifest.RejectCount::rule);

    /** By file (its {@link RowShaper#SOURCE} number): each rule broken there, with its count. */
    private final Map<Integer, List<Manifest.RejectCount>> byFile;

    private RejectBreakdown(Map<Integer, List<Manifest.RejectCount>> byFile) {
        this.byFile = byFile;
    }

    /** One rule in one column (null for a rule about the whole record). */
    private record Rule(String column, String rule) {}

    /** The breakdown of a run that rejected nothing. */
    static RejectBreakdown none() {
        return new RejectBreakdown(Map.of());
    }

    /** Counts the rejected rows of shaped {@code rows}. */
    static RejectBreakdown of(Dataset<Row> rows) {
        Map<Integer, List<Manifest.RejectCount>> byFile = new HashMap<>();
        rows.filter(col(RowShaper.ERRORS).isNotNull())
                .select(col(RowShaper.SOURCE), explode(col(RowShaper.ERRORS)).as("e"))
                .groupBy(col(RowShaper.SOURCE), col("e.column"), col("e.rule"))
                .count()
                .collectAsList()
                .forEach(row -> byFile.computeIfAbsent(row.getInt(0), file -> new ArrayList<>())
                        .add(new Manifest.RejectCount(
                                row.isNullAt(1) ? null : row.getString(1), row.getString(2), row.getLong(3))));
        return new RejectBreakdown(byFile);
    }

    /** The rules the rows of {@code files} broke, with how many rows broke each, most frequent first. */
    List<Manifest.RejectCount> of(Collection<Integer> files) {
        Map<Rule, Long> counts = new LinkedHashMap<>();
        for (int file : files) {
            for (Manifest.RejectCount reject : byFile.getOrDefault(file, List.of())) {
                counts.merge(new Rule(reject.column(), reject.rule()), reject.count(), Long::sum);
            }
        }
        List<Manifest.RejectCount> rejects = new ArrayList<>();
        counts.forEach((rule, count) -> rejects.add(new Manifest.RejectCount(rule.column(), rule.rule(), count)));
        rejects.sort(ORDER);
        return List.copyOf(rejects);
    }

    /** "amount scale 3, order_ts not_a_date 2" for a failure cause. */
    static String top(List<Manifest.RejectCount> rejects) {
        List<String> parts = new ArrayList<>();
        for (Manifest.RejectCount reject : rejects.subList(0, Math.min(CAUSE_RULES, rejects.size()))) {
            parts.add((reject.column() == null ? "record" : reject.column()) + " " + reject.rule() + " "
                    + reject.count());
        }
        if (rejects.size() > CAUSE_RULES) {
            parts.add("and " + (rejects.size() - CAUSE_RULES) + " more");
        }
        return String.join(", ", parts);
    }
}
