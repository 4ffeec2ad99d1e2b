package dev.sparkpipeline.local.runner;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The template's functions, in-process: each logical id's handler class is the one
 * {@code template.yaml} names, built through its public constructor whose parameters the local
 * adapters can all supply (by type). Invocations pass the event's bytes and read the answer's,
 * as the Lambda runtime does; a thrown exception becomes the error the runtime would report
 * ({@code errorType} = the class name, cause = the runtime's error document).
 */
public final class LocalFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
    private final Path output;

    /**
     * @param template the SAM template
     * @param adapters local adapters by type (LandingValidator, JobEngines, Clock, Publisher, ...)
     */
    public LocalFunctions(SamTemplate template, Map<Class<?>, Object> adapters) {
        this(template, function -> adapters, null);
    }

    /**
     * @param template the SAM template
     * @param adapters each function's adapters by type; in the endpoint mode, its
     *                 {@code FunctionEnvironment}, from which it builds its own AWS adapters
     * @param output   the file that gets what the functions write to standard output (their logs,
     *                 which the Lambda runtime ships to the log group), or null to leave it alone
     */
    public LocalFunctions(SamTemplate template, Function<SamFunction, Map<Class<?>, Object>> adapters, Path output) {
        this.output = output;
        for (SamFunction function : template.functions().values()) {
            build(function, adapters.apply(function)).ifPresent(handler -> handlers.put(function.logicalId(), handler));
        }
    }

    /** The functions this runner can call. */
    public Set<String> names() {
        return handlers.keySet();
    }

    /** Invokes a function with an event; a function error is thrown as the runtime reports it. */
    public byte[] invoke(String logicalId, byte[] event) {
        RequestStreamHandler handler = handlers.get(logicalId);
        if (handler == null) {
            throw new StatesError("Lambda.ResourceNotFoundException", "Function not found: " + logicalId
                    + " (this runner has " + handlers.keySet() + ")");
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
            ObjectNode error = JSON.createObjectNode().put("errorMessage", String.valueOf(e.getMessage()))
                    .put("errorType", e.getClass().getName());
            error.putArray("stackTrace");
            throw new StatesError(e.getClass().getName(), error.toString());
        }
    }

    /** Standard output is one per JVM: one capturing invocation at a time. */
    private void invokeCapturingOutput(RequestStreamHandler handler, byte[] event, ByteArrayOutputStream out) throws IOException {
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

    private static Optional<RequestStreamHandler> build(SamFunction function, Map<Class<?>, Object> adapters) {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(function.logicalId() + ": handler " + function.handlerClass() + " is not on the class path", e);
        }
        for (Constructor<?> constructor : type.getConstructors()) {
            Object[] arguments = new Object[constructor.getParameterCount()];
            boolean satisfied = constructor.getParameterCount() > 0;
            for (int i = 0; i < arguments.length && satisfied; i++) {
                arguments[i] = adapters.get(constructor.getParameterTypes()[i]);
                satisfied = arguments[i] != null;
            }
            if (satisfied) {
                try {
                    return Optional.of((RequestStreamHandler) constructor.newInstance(arguments));
                } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot build " + function.logicalId(), e);
                }
            }
        }
        // No local adapters for it: not callable offline.
        return Optional.empty();
    }
}
