package dev.sparkpipeline.core.function;

/**
 * Builds one function from its environment (the variables {@code template.yaml} gives it) and
 * the adapters it runs on. The Lambda runtime's constructor, the local runner and its endpoint
 * mode all build a function through its one factory.
 *
 * @param <F> what the factory builds: a handler, or the domain object a handler wraps
 */
@FunctionalInterface
public interface FunctionFactory<F> {

    /** The function, wired. */
    F build(FunctionEnvironment environment, Adapters adapters);
}
