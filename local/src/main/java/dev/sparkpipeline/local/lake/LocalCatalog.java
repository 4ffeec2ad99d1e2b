package dev.sparkpipeline.local.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.outcome.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@link Catalog} offline: one JSON document per table under {@code <lake>/_catalog/}. */
public final class LocalCatalog implements Catalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public LocalCatalog(LocalLake lake) {
        this.folder = lake.root().resolve("_catalog");
    }

    @Override
    public synchronized boolean upsertTable(
            String table, String location, Map<String, String> columns, Map<String, String> partitionColumns) {
        ObjectNode existing = read(table);
        boolean created = existing == null;
        ObjectNode document = created ? JSON.createObjectNode() : existing;
        document.put("name", table).put("location", location);
        document.set("columns", JSON.valueToTree(columns));
        document.set("partitionKeys", JSON.valueToTree(partitionColumns));
        if (!document.has("partitions")) {
            document.putArray("partitions");
        }
        write(table, document);
        return created;
    }

    @Override
    public synchronized int addPartitions(String table, String location, List<List<String>> partitions) {
        ObjectNode document = read(table);
        if (document == null) {
            throw new IllegalStateException("no table " + table + " in the local catalog");
        }
        ArrayNode known = (ArrayNode) document.get("partitions");
        int added = 0;
        for (List<String> values : partitions) {
            var node = JSON.valueToTree(values);
            boolean exists = false;
            for (var partition : known) {
                exists |= partition.equals(node);
            }
            if (!exists) {
                known.add(node);
                added++;
            }
        }
        write(table, document);
        return added;
    }

    private ObjectNode read(String table) {
        Path file = folder.resolve(table + ".json");
        try {
            return Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String table, ObjectNode document) {
        try {
            Files.createDirectories(folder);
            JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(folder.resolve(table + ".json").toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
