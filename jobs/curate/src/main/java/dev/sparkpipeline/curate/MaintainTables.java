package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.curate.table.CuratedTable;
import dev.sparkpipeline.curate.table.TableMaintenance;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of table maintenance on demand ({@code bin/pipeline-local maintain}): compacts each
 * named table's small files and expires its old snapshots, as the curate job does after every
 * N-th commit. Arguments: {@code --table NAME [--table NAME ...] [--snapshot-retention-days D]};
 * the Iceberg catalog comes with the Spark configuration, as for the curate job. Prints one
 * {@value #PREFIX} line per table.
 */
public final class MaintainTables {

    /** The marker of a table's line in the output. */
    public static final String PREFIX = "MAINTAINED ";

    private MaintainTables() {}

    public static void main(String[] args) {
        List<String> tables = new ArrayList<>();
        int retentionDays = TableUpkeep.DEFAULT.snapshotRetentionDays();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--table" -> tables.add(args[i + 1]);
                case "--snapshot-retention-days" -> retentionDays = Integer.parseInt(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (usage: --table NAME ... [--snapshot-retention-days D])");
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no --table to maintain");
        }
        SparkSession spark = SparkSession.builder().appName("maintain-tables").getOrCreate();
        try {
            TableUpkeep upkeep = new TableUpkeep(1, retentionDays);
            for (String table : tables) {
                CuratedTable curated = new CuratedTable(spark, table, null);
                System.out.println(PREFIX + table + ": " + new TableMaintenance(spark, curated, upkeep).run());
            }
        } finally {
            spark.stop();
        }
    }
}
