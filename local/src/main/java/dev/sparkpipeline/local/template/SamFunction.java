package dev.sparkpipeline.local.template;

import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of the template, Globals applied.
 *
 * @param logicalId   the resource's logical id ({@code sam local invoke} names it)
 * @param handler     {@code package.Class::method}
 * @param codeUri     the code location, relative to the template
 * @param buildMethod the Metadata BuildMethod, or null
 * @param runtime     the Lambda runtime
 * @param properties  every property, for the environment and the rest
 */
public record SamFunction(
        String logicalId, String handler, String codeUri, String buildMethod, String runtime,
        Map<String, Object> properties) {

    /** The handler's class name, without the method. */
    public String handlerClass() {
        int method = handler.indexOf("::");
        return method < 0 ? handler : handler.substring(0, method);
    }

    /** The environment variables as written in the template (values may be intrinsics). */
    public Map<String, Object> environment() {
        Map<String, Object> environment = SamTemplate.cast(properties.getOrDefault("Environment", Map.of()));
        return SamTemplate.cast(environment.getOrDefault("Variables", Map.of()));
    }
}
