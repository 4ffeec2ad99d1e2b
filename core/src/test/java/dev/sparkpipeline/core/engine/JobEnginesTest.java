package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobEnginesTest {

    private final JobEngine glue = new FixedEngine(Engine.GLUE);
    private final JobEngine serverless = new FixedEngine(Engine.EMR_SERVERLESS);

    @Test
    void findsTheAdapterForTheNamedEngine() {
        var engines = new JobEngines(List.of(glue, serverless));

        assertThat(engines.get(Engine.GLUE)).isSameAs(glue);
    }

    @Test
    void anInputWithoutEngineRunsOnEmrServerless() {
        var engines = new JobEngines(List.of(glue, serverless));

        assertThat(engines.get(null)).isSameAs(serverless);
    }

    @Test
    void anEngineThisDeploymentLacksIsAPermanentTypedError() {
        var engines = new JobEngines(List.of(glue));

        assertThatThrownBy(() -> engines.get(Engine.EMR))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessageContaining("engine EMR is not available");
    }

    private record FixedEngine(Engine engine) implements JobEngine {
        @Override
        public EngineDescription description() {
            return EngineDescriptions.of(engine);
        }

        @Override
        public JobHandle submit(JobRequest request) {
            throw new AssertionError("not called");
        }

        @Override
        public java.util.Optional<JobHandle> find(JobRequest request) {
            throw new AssertionError("not called");
        }

        @Override
        public EngineObservation observe(JobHandle handle) {
            throw new AssertionError("not called");
        }

        @Override
        public void cancel(JobHandle handle) {
            throw new AssertionError("not called");
        }
    }
}
