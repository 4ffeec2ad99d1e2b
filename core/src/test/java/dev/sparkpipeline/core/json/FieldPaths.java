package dev.sparkpipeline.core.json;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field of a JSON document by its path ({@code source.key}, {@code files[0].outcome}), so a
 * test can say that an encoding keeps every field a fixture has, with the fixture's value. An
 * empty object or list is a field of its own: {@code "arguments": {}} must stay an object.
 */
final class FieldPaths {

    private FieldPaths() {}

    static Map<String, Object> of(byte[] json) {
        try {
            return of(JSON.std.anyFrom(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> of(Object document) {
        Map<String, Object> paths = new LinkedHashMap<>();
        collect("", document, paths);
        return paths;
    }

    private static void collect(String path, Object value, Map<String, Object> paths) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((name, field) -> collect(path.isEmpty() ? name.toString() : path + "." + name, field, paths));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                collect(path + "[" + i + "]", list.get(i), paths);
            }
        } else {
            // Numbers are compared by value: the fixture's 2.0 and 2 would be the same field, 1024 as int or long too.
            paths.put(path, value instanceof Number number ? (Object) number.doubleValue() : value);
        }
    }
}
