package dev.sparkpipeline.core.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function's environment: read by name, reported without its values. */
class FunctionEnvironmentTest {

    private final FunctionEnvironment environment = new FunctionEnvironment(Map.of(
            "AWS_SECRET_ACCESS_KEY",
            "dummy-secret-never-logged",
            "QUARANTINE_BUCKET",
            "quarantine",
            "DELETE_SOURCE",
            "true",
            "BLANK",
            " "));

    @Test
    void itsTextNamesTheVariablesAndShowsNoValue() {
        assertThat(environment.toString())
                .contains("AWS_SECRET_ACCESS_KEY", "QUARANTINE_BUCKET")
                .doesNotContain("dummy-secret-never-logged", "quarantine]", "=");
    }

    @Test
    void aMissingOrBlankRequiredVariableIsADeploymentErrorNamingIt() {
        assertThat(environment.required("QUARANTINE_BUCKET")).isEqualTo("quarantine");
        assertThatThrownBy(() -> environment.required("BLANK")).hasMessageContaining("BLANK is not set");
        assertThatThrownBy(() -> environment.required("STATE_MACHINE_ARN"))
                .hasMessageContaining("STATE_MACHINE_ARN is not set");
    }

    @Test
    void aFlagIsTrueOnlyWhenSetToTrue() {
        assertThat(environment.flag("DELETE_SOURCE")).isTrue();
        assertThat(environment.flag("QUARANTINE_BUCKET")).isFalse();
        assertThat(environment.flag("ABSENT")).isFalse();
    }
}
