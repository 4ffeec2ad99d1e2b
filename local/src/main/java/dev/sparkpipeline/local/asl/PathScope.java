package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a path in a state can see: the state's data ({@code $}, {@code $.a}), the context object
 * ({@code $$.Execution.Name}) and the workflow variables ({@code $name}, {@code $name.field}).
 */
final class PathScope {

    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(.*)", Pattern.DOTALL);

    private final JsonNode data;
    private final JsonNode context;
    private final Map<String, JsonNode> variables;

    PathScope(JsonNode data, JsonNode context, Map<String, JsonNode> variables) {
        this.data = data;
        this.context = context;
        this.variables = variables;
    }

    /** The value at {@code path}; a path that matches nothing is {@code States.Runtime}. */
    JsonNode read(String path) {
        try {
            return find(path);
        } catch (JsonPaths.PathMissing missing) {
            throw new StatesError(StatesError.RUNTIME, missing.getMessage());
        }
    }

    /** True when {@code path} matches something (the Choice rule IsPresent). */
    boolean present(String path) {
        try {
            find(path);
            return true;
        } catch (JsonPaths.PathMissing | StatesError missing) {
            return false;
        }
    }

    /**
     * Whether {@code path} is one this scope can read: a JSONPath into the data ({@code $...}), the
     * context object ({@code $$...}) or a variable ({@code $name...}). What it holds is only known
     * when it is read; a path that fails this always fails, so a definition is checked with it at load.
     */
    static boolean valid(String path) {
        if (!path.startsWith("$")) {
            return false;
        }
        if (path.startsWith("$$")) {
            return JsonPaths.compiles(path.substring(1));
        }
        Matcher variable = VARIABLE.matcher(path);
        return JsonPaths.compiles(variable.matches() ? "$" + variable.group(2) : path);
    }

    private JsonNode find(String path) {
        if (path.startsWith("$$")) {
            return JsonPaths.read(context, path.substring(1));
        }
        Matcher variable = VARIABLE.matcher(path);
        if (variable.matches()) {
            JsonNode value = variables.get(variable.group(1));
            if (value == null) {
                throw new StatesError(
                        StatesError.RUNTIME,
                        "the variable $" + variable.group(1) + " is not assigned: no state before this one assigns it");
            }
            return JsonPaths.read(value, "$" + variable.group(2));
        }
        return JsonPaths.read(data, path);
    }
}
