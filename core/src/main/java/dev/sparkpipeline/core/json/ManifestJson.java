package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.outcome.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The curate run's manifest on the wire, the one reader and writer of its fields: the curate job
 * writes it (and prints it as its last log line), publishing reads its schema and partitions, the
 * job's next attempt of the same run reads its files, and the local runner its files and rows. A
 * field with nothing to say (no errors) is left out. Fields a manifest may lack take their empty
 * values, so a manifest from an earlier version of the job still publishes.
 */
public final class ManifestJson {

    /** The marker of the manifest's line in the job's output, which the local engine reads. */
    private static final String LOG_PREFIX = "CURATE_MANIFEST ";

    private ManifestJson() {}

    public static byte[] write(Manifest manifest) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("in", manifest.rowsIn());
        rows.put("out", manifest.rowsOut());
        rows.put("rejected", manifest.rejected());
        rows.put("duplicates", manifest.duplicates());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("policy", manifest.extraPolicy());
        extra.put("columns", manifest.extraColumns());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", manifest.dataset());
        document.put("runId", manifest.runId());
        document.put("source", manifest.source());
        document.put("rows", rows);
        document.put("rejects", rejectList(manifest.rejects()));
        document.put("errors", manifest.errors());
        document.put("extraColumns", extra);
        document.put("dedupe", manifest.dedupe());
        document.put("table", table(manifest.table()));
        document.put("schema", manifest.schema());
        document.put("partitions", manifest.partitions());
        document.put("files", manifest.files());
        if (!manifest.sources().isEmpty()) {
            document.put("sources", sourceList(manifest.sources()));
        }
        return JsonObject.writeWithoutNulls(document);
    }

    /** The breakdown alone, as {@code _errors/run_id=<run>/_rejects.json} holds it beside the rejected rows. */
    public static byte[] writeRejects(List<Manifest.RejectCount> rejects) {
        return JsonObject.writeWithoutNulls(Map.of("rejects", rejectList(rejects)));
    }

    public static Manifest read(byte[] json) {
        JsonObject root = JsonObject.parse(json);
        JsonObject rows = root.object("rows");
        JsonObject extra = root.optionalObject("extraColumns");
        List<Manifest.RejectCount> rejects = new ArrayList<>();
        for (JsonObject reject : root.optionalObjectList("rejects")) {
            rejects.add(new Manifest.RejectCount(
                    reject.optionalString("column"), reject.string("rule"), reject.number("count")));
        }
        return new Manifest(
                root.string("dataset"),
                root.string("runId"),
                root.optionalString("source"),
                rows.number("in"),
                rows.number("out"),
                rows.number("rejected", 0),
                rows.number("duplicates", 0),
                root.strings("schema"),
                root.stringList("partitions"),
                root.optionalStringList("files"),
                rejects,
                root.optionalString("errors"),
                extra == null ? null : extra.optionalString("policy"),
                extra == null ? List.of() : extra.optionalStringList("columns"),
                root.optionalString("dedupe"),
                table(root.optionalObject("table")),
                sources(root.optionalObjectList("sources")));
    }

    private static List<Map<String, Object>> sourceList(List<Manifest.SourceResult> sources) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Manifest.SourceResult source : sources) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("uri", source.uri());
            entry.put("versionId", source.versionId());
            entry.put("status", source.status().name());
            entry.put("rowsIn", source.rowsIn());
            entry.put("rowsOut", source.rowsOut());
            entry.put("rejected", source.rejected());
            entry.put("reason", source.reason());
            list.add(entry);
        }
        return list;
    }

    private static List<Manifest.SourceResult> sources(List<JsonObject> entries) {
        List<Manifest.SourceResult> sources = new ArrayList<>();
        for (JsonObject entry : entries) {
            sources.add(new Manifest.SourceResult(
                    entry.string("uri"),
                    entry.optionalString("versionId"),
                    entry.enumValue("status", Manifest.Status.class),
                    entry.number("rowsIn", 0),
                    entry.number("rowsOut", 0),
                    entry.number("rejected", 0),
                    entry.optionalString("reason")));
        }
        return sources;
    }

    private static Map<String, Object> table(Manifest.TableCommit table) {
        if (table == null) {
            return null;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", table.name());
        document.put("location", table.location());
        document.put("metadata", table.metadataLocation());
        document.put("snapshot", table.snapshotId());
        document.put("mode", table.mode());
        document.put("replayed", table.replayed());
        document.put("maintenance", table.maintenance());
        return document;
    }

    private static Manifest.TableCommit table(JsonObject table) {
        return table == null
                ? null
                : new Manifest.TableCommit(
                        table.string("name"),
                        table.string("location"),
                        table.string("metadata"),
                        table.number("snapshot"),
                        table.string("mode"),
                        table.bool("replayed", false),
                        table.optionalString("maintenance"));
    }

    /** The job's last output line: the marker, then the manifest on one line. */
    public static String logLine(Manifest manifest) {
        return LOG_PREFIX + new String(write(manifest), StandardCharsets.UTF_8);
    }

    /** The manifest of the last marked line of a job's output, as JSON text; empty when the job printed none. */
    public static Optional<String> lastLogged(List<String> lines) {
        return lines.stream()
                .filter(line -> line.startsWith(LOG_PREFIX))
                .map(line -> line.substring(LOG_PREFIX.length()))
                .reduce((earlier, later) -> later);
    }

    private static List<Map<String, Object>> rejectList(List<Manifest.RejectCount> rejects) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Manifest.RejectCount reject : rejects) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("column", reject.column());
            entry.put("rule", reject.rule());
            entry.put("count", reject.count());
            list.add(entry);
        }
        return list;
    }
}
