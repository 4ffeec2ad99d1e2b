package dev.sparkpipeline.local.runner;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionFactory;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The template's functions, in-process: each logical id's handler is the class {@code template.yaml}
 * names, built by its factory ({@link FunctionHandlers}) from the variables the template gives it
 * and the adapters of the site the runner runs on. Invocations pass the event's bytes and read the
 * answer's, as the Lambda runtime does; a thrown exception becomes the error the runtime would
 * report ({@code errorType} = the class name, cause = the runtime's error document).
 */
public final class LocalFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
    private final Path output;

    /**
     * @param template       the SAM template
     * @param site           where the functions run: their environment and adapters
     * @param datasetsConfig the datasets configuration the functions read instead of the bundled one
     *                       ({@code DATASETS_CONFIG}), or null for the bundled one
     * @throws IllegalStateException when the template names a handler this runner has no factory for
     */
    public LocalFunctions(SamTemplate template, PipelineSite site, Path datasetsConfig) {
        this.output = site.functionOutput().orElse(null);
        for (SamFunction function : template.functions().values()) {
            FunctionFactory<RequestStreamHandler> factory = FunctionHandlers.factory(function.handlerClass())
                    .orElseThrow(() ->
                            new IllegalStateException(function.logicalId() + ": the local runner has no factory for "
                                    + function.handlerClass() + " (add it to FunctionHandlers)"));
            FunctionEnvironment environment = withDatasets(site.environment(function), datasetsConfig);
            handlers.put(function.logicalId(), factory.build(environment, site.adapters(environment)));
        }
    }

    private static FunctionEnvironment withDatasets(FunctionEnvironment environment, Path datasetsConfig) {
        if (datasetsConfig == null) {
            return environment;
        }
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put(FunctionVariables.DATASETS_CONFIG, datasetsConfig.toString());
        return new FunctionEnvironment(variables);
    }

    /** The functions this runner can call. */
    public Set<String> names() {
        return handlers.keySet();
    }

    /** Invokes a function with an event; a function error is thrown as the runtime reports it. */
    public byte[] invoke(String logicalId, byte[] event) {
        RequestStreamHandler handler = handlers.get(logicalId);
        if (handler == null) {
            throw new StatesError(
                    "Lambda.ResourceNotFoundException",
                    "Function not found: " + logicalId + " (this runner has " + handlers.keySet() + ")");
        }
        var out = new ByteArrayOutputStream();
        try {
            if (output == null) {
                handler.handleRequest(new ByteArrayInputStream(event), out, null);
            } else {
                invokeCapturingOutput(handler, event, out);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            ObjectNode error = JSON.createObjectNode()
                    .put("errorMessage", String.valueOf(e.getMessage()))
                    .put("errorType", e.getClass().getName());
            error.putArray("stackTrace");
            throw new StatesError(e.getClass().getName(), error.toString());
        }
    }

    /** Standard output is one per JVM: one capturing invocation at a time. */
    private void invokeCapturingOutput(RequestStreamHandler handler, byte[] event, ByteArrayOutputStream out)
            throws IOException {
        synchronized (LocalFunctions.class) {
            PrintStream original = System.out;
            Files.createDirectories(output.getParent());
            try (var log = new PrintStream(new FileOutputStream(output.toFile(), true), true, StandardCharsets.UTF_8)) {
                System.setOut(log);
                handler.handleRequest(new ByteArrayInputStream(event), out, null);
            } finally {
                System.setOut(original);
            }
        }
    }
}
