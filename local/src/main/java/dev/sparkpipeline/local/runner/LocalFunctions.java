package dev.sparkpipeline.local.runner;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * @param template the SAM template
     * @param adapters local adapters by type (LandingValidator, JobEngines, Clock, Publisher, ...)
     */
    public LocalFunctions(SamTemplate template, Map<Class<?>, Object> adapters) {
        for (SamFunction function : template.functions().values()) {
            build(function, adapters).ifPresent(handler -> handlers.put(function.logicalId(), handler));
        }
    }

    /** The functions this runner can call. */
    public java.util.Set<String> names() {
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
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            ObjectNode error = JSON.createObjectNode().put("errorMessage", String.valueOf(e.getMessage()))
                    .put("errorType", e.getClass().getName());
            error.putArray("stackTrace");
            throw new StatesError(e.getClass().getName(), error.toString());
        }
    }

    private static java.util.Optional<RequestStreamHandler> build(SamFunction function, Map<Class<?>, Object> adapters) {
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
                    return java.util.Optional.of((RequestStreamHandler) constructor.newInstance(arguments));
                } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot build " + function.logicalId(), e);
                }
            }
        }
        // No local adapters for it (the cluster reaper acts on AWS only): not callable offline.
        return java.util.Optional.empty();
    }
}
