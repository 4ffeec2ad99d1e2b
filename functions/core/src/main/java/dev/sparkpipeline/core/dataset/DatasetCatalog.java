package dev.sparkpipeline.core.dataset;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.contract.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets of {@code config/datasets.json}, each with the file's {@code defaults} applied,
 * and the routing of a landed key to its dataset (longest matching prefix wins).
 */
public final class DatasetCatalog {

    /** Where the functions and the job find the config: bundled into pipeline-core's jar. */
    public static final String RESOURCE = "/config/datasets.json";

    private final Map<String, DatasetSpec> byName;

    public DatasetCatalog(Collection<DatasetSpec> datasets) {
        Map<String, DatasetSpec> map = new LinkedHashMap<>();
        datasets.forEach(spec -> map.put(spec.name(), spec));
        this.byName = Map.copyOf(map);
    }

    /** The catalog bundled with this build. */
    public static DatasetCatalog bundled() {
        try (InputStream in = DatasetCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new InvalidDatasetConfig(RESOURCE + " is not on the class path");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new InvalidDatasetConfig("cannot read " + RESOURCE, e);
        }
    }

    /** Parses a config document. */
    public static DatasetCatalog parse(byte[] json) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new InvalidDatasetConfig("datasets config is not valid JSON: " + e.getMessage(), e);
        }
        ConfigNode defaults = new ConfigNode("defaults", map(root.getOrDefault("defaults", Map.of()), "defaults"));
        Map<String, Object> datasets = map(root.get("datasets"), "datasets");
        if (datasets.isEmpty()) {
            throw new InvalidDatasetConfig("datasets must name at least one dataset");
        }
        List<DatasetSpec> specs = new ArrayList<>();
        datasets.forEach((name, value) -> specs.add(
                spec(name, new ConfigNode("datasets." + name, map(value, "datasets." + name)), defaults)));
        return new DatasetCatalog(specs);
    }

    /** Every dataset. */
    public Collection<DatasetSpec> all() {
        return byName.values();
    }

    /** A dataset by name. */
    public Optional<DatasetSpec> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The dataset whose prefix starts this key (the longest such prefix), if any. */
    public Optional<DatasetSpec> forKey(String key) {
        return byName.values().stream()
                .filter(spec -> key.startsWith(spec.prefix()))
                .max(Comparator.comparingInt(spec -> spec.prefix().length()));
    }

    private static DatasetSpec spec(String name, ConfigNode node, ConfigNode defaults) {
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new InvalidDatasetConfig("datasets." + name + ": a dataset name is lower case letters, digits and _ (it names a table)");
        }
        String prefix = node.string("prefix", null);
        if (prefix == null || !prefix.endsWith("/") || prefix.length() < 2) {
            throw new InvalidDatasetConfig(node.path() + ".prefix must be a key prefix ending in /");
        }
        Set<DataFormat> formats = EnumSet.noneOf(DataFormat.class);
        for (Object format : node.list("formats", defaults)) {
            formats.add(DataFormat.fromConfigName(String.valueOf(format)).orElseThrow(() ->
                    new InvalidDatasetConfig(node.path() + ".formats: unknown format " + format + " (csv, jsonl, parquet)")));
        }
        long minBytes = node.number("minBytes", defaults).longValue();
        long maxBytes = node.number("maxBytes", defaults).longValue();
        if (minBytes < 1 || maxBytes < minBytes) {
            throw new InvalidDatasetConfig(node.path() + ": need 1 <= minBytes <= maxBytes");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (Object column : node.list("columns", null)) {
            ConfigNode c = new ConfigNode(node.path() + ".columns", map(column, node.path() + ".columns[]"));
            columns.add(new ColumnSpec(c.string("name", null), c.string("type", null), c.bool("required", false)));
        }
        if (columns.isEmpty() || columns.stream().anyMatch(c -> c.name() == null || c.type() == null)) {
            throw new InvalidDatasetConfig(node.path() + ".columns must list columns, each with name and type");
        }
        List<SizeThreshold> bySize = new ArrayList<>();
        for (Object threshold : node.list("engineBySize", new ConfigNode("", Map.of("engineBySize", List.of())))) {
            ConfigNode t = new ConfigNode(node.path() + ".engineBySize", map(threshold, node.path() + ".engineBySize[]"));
            bySize.add(new SizeThreshold(t.number("minBytes", null).longValue(), engine(t, "engine", null)));
        }
        ConfigNode csv = new ConfigNode(node.path() + ".csv", map(node.value("csv", defaults), node.path() + ".csv"));
        return new DatasetSpec(name, prefix, formats, node.bool("gzip", defaults), minBytes, maxBytes,
                new CsvOptions(csv.character("delimiter"), csv.character("quote")),
                columns, strings(node.list("key", new ConfigNode("", Map.of("key", List.of())))),
                strings(node.list("partitionBy", defaults)), node.number("maxErrorRatio", defaults).doubleValue(),
                engine(node, "engine", defaults), bySize, node.number("timeoutMinutes", defaults).intValue());
    }

    private static Engine engine(ConfigNode node, String field, ConfigNode defaults) {
        String name = node.string(field, defaults);
        try {
            Engine engine = Engine.valueOf(name);
            if (engine == Engine.LOCAL) {
                throw new IllegalArgumentException();
            }
            return engine;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidDatasetConfig(node.path() + "." + field + " must be EMR_SERVERLESS, GLUE or EMR");
        }
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String path) {
        if (!(value instanceof Map)) {
            throw new InvalidDatasetConfig(path + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    /** One object of the config, reading fields with the defaults' value as fallback. */
    private record ConfigNode(String path, Map<String, Object> fields) {

        Object value(String field, ConfigNode defaults) {
            Object value = fields.get(field);
            if (value == null && defaults != null) {
                value = defaults.fields().get(field);
            }
            if (value == null) {
                throw new InvalidDatasetConfig(path + "." + field + " is required");
            }
            return value;
        }

        String string(String field, ConfigNode defaults) {
            if (defaults == null && !fields.containsKey(field)) {
                return null;
            }
            Object value = value(field, defaults);
            if (!(value instanceof String text)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a string");
            }
            return text;
        }

        Number number(String field, ConfigNode defaults) {
            Object value = value(field, defaults);
            if (!(value instanceof Number number)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a number");
            }
            return number;
        }

        boolean bool(String field, Object fallback) {
            Object value = fields.get(field);
            if (value == null && fallback instanceof ConfigNode defaults) {
                value = defaults.fields().get(field);
            } else if (value == null) {
                value = fallback;
            }
            if (!(value instanceof Boolean flag)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be true or false");
            }
            return flag;
        }

        char character(String field) {
            String text = string(field, null);
            if (text == null || text.length() != 1) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a single character");
            }
            return text.charAt(0);
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String field, ConfigNode defaults) {
            Object value = value(field, defaults);
            if (!(value instanceof List)) {
                throw new InvalidDatasetConfig(path + "." + field + " must be a list");
            }
            return (List<Object>) value;
        }
    }
}
