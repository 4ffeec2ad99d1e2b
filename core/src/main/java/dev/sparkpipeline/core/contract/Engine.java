package dev.sparkpipeline.core.contract;

import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.error.InvalidInput;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of an engine a job runs on. The pipeline's own are constants here, and each one's facts
 * (its states, poll floor, prices) live in its {@code EngineDescription}; an engine added in a test
 * is just another name with its own description. {@link #LOCAL} exists only in the offline runner.
 *
 * @param name the engine's name as inputs, manifests and metrics spell it: capitals, digits and underscores
 */
public record Engine(String name) implements Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public static final Engine EMR_SERVERLESS = new Engine("EMR_SERVERLESS");
    public static final Engine GLUE = new Engine("GLUE");
    public static final Engine EMR = new Engine("EMR");
    public static final Engine LOCAL = new Engine("LOCAL");
    /** EMR on EC2 with the job submitted through Apache Livy's batch API on the primary node. */
    public static final Engine EMR_LIVY = new Engine("EMR_LIVY");

    /** The engine used when an execution input names none. */
    public static final Engine DEFAULT = EMR_SERVERLESS;

    public Engine {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "an engine name is 1 to 32 capitals, digits and underscores, not " + name);
        }
    }

    /** The engines an execution input, a dataset or a manifest may name: the described ones. */
    public static List<Engine> known() {
        return EngineDescriptions.KNOWN.stream().map(EngineDescription::engine).toList();
    }

    /** The known engine of this name, if any. */
    public static Optional<Engine> known(String name) {
        return known().stream().filter(engine -> engine.name.equals(name)).findFirst();
    }

    /** The known engine of this name; a typed error naming {@code field} and the known ones otherwise. */
    public static Engine of(String name, String field) {
        return known(name).orElseThrow(() -> new InvalidInput(field + " must be one of " + known()));
    }

    @Override
    public String toString() {
        return name;
    }
}
