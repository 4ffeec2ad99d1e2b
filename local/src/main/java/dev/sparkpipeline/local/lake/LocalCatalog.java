package dev.sparkpipeline.local.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.outcome.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link Catalog} offline: one JSON document per table under {@code <lake>/_catalog/}, naming the
 * table's format and location. The table itself is its folder (Iceberg's Hadoop catalog): any
 * Iceberg reader opens it there, at its newest snapshot.
 */
public final class LocalCatalog implements Catalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public LocalCatalog(LocalLake lake) {
        this.folder = lake.root().resolve("_catalog");
    }

    @Override
    public synchronized boolean register(String table, String location, String metadataLocation) {
        Path file = folder.resolve(table + ".json");
        if (Files.exists(file)) {
            return false;
        }
        ObjectNode document = JSON.createObjectNode()
                .put("name", table)
                .put("format", "iceberg")
                .put("location", location)
                .put("registeredAt", metadataLocation);
        try {
            Files.createDirectories(folder);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
