package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath as ASL uses it, on Jackson trees: reads with Jayway json-path; writes (ResultPath) of
 * reference paths ({@code $.a.b}, {@code $['a'].b}), which create missing objects on the way.
 */
final class JsonPaths {

    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();
    private static final Pattern SEGMENT =
            Pattern.compile("\\.([A-Za-z0-9_$@\\-]+)|\\['([^']*)']|\\[\"([^\"]*)\"]|\\[(\\d+)]");

    private JsonPaths() {}

    /** The value at {@code path} in {@code root}; a path that matches nothing fails. */
    static JsonNode read(JsonNode root, String path) {
        if ("$".equals(path)) {
            return root;
        }
        try {
            JsonNode value = JsonPath.using(JACKSON).parse(root).read(path);
            return value == null ? NullNode.getInstance() : value;
        } catch (PathNotFoundException e) {
            throw new PathMissing(path);
        } catch (RuntimeException e) {
            throw new PathMissing(path + " (" + e.getMessage() + ")");
        }
    }

    /** Whether {@code path} is a JSONPath that json-path can read with (its syntax only). */
    static boolean compiles(String path) {
        if ("$".equals(path)) {
            return true;
        }
        try {
            JsonPath.compile(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@link #write} can write at {@code path}: {@code $}, or a reference path of field names. */
    static boolean writable(String path) {
        if ("$".equals(path)) {
            return true;
        }
        try {
            return segments(path).stream().allMatch(segment -> segment instanceof String);
        } catch (StatesError notAReferencePath) {
            return false;
        }
    }

    /** A copy of {@code root} with {@code value} at the reference path {@code path}. */
    static JsonNode write(JsonNode root, String path, JsonNode value) {
        if ("$".equals(path)) {
            return value;
        }
        List<Object> segments = segments(path);
        ObjectNode result = root != null && root.isObject()
                ? ((ObjectNode) root).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        ObjectNode parent = result;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object segment = segments.get(i);
            if (!(segment instanceof String field)) {
                throw new StatesError(
                        StatesError.RESULT_PATH_MATCH_FAILURE, "cannot write through an array index in " + path);
            }
            JsonNode child = parent.get(field);
            if (child == null || !child.isObject()) {
                child = parent.putObject(field);
            }
            parent = (ObjectNode) child;
        }
        Object last = segments.get(segments.size() - 1);
        if (!(last instanceof String field)) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "cannot write to an array index in " + path);
        }
        parent.set(field, value);
        return result;
    }

    private static List<Object> segments(String path) {
        if (!path.startsWith("$")) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "not a reference path: " + path);
        }
        List<Object> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "not a reference path: " + path);
            }
            if (matcher.group(4) != null) {
                segments.add(Integer.parseInt(matcher.group(4)));
            } else {
                segments.add(
                        matcher.group(1) != null
                                ? matcher.group(1)
                                : matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
            }
            at = matcher.end();
        }
        return segments;
    }

    /** A path that matched nothing. */
    static final class PathMissing extends RuntimeException {
        PathMissing(String path) {
            super("the JSONPath " + path + " could not be found in the input");
        }
    }
}
