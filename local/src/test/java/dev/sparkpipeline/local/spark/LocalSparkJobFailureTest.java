package dev.sparkpipeline.local.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cause a failed local job reports is its exception's first meaningful line, never an empty one. */
class LocalSparkJobFailureTest {

    @Test
    void theExceptionsOwnLineIsTheCause() {
        assertThat(LocalSparkJob.failureOf(
                        List.of(
                                "INFO starting",
                                "Exception in thread \"main\" dev.sparkpipeline.curate.TooManyRejects: "
                                        + "2 of 3 rows do not fit dataset orders",
                                "\tat dev.sparkpipeline.curate.Curation.run(Curation.java:1)"),
                        1))
                .isEqualTo("dev.sparkpipeline.curate.TooManyRejects: 2 of 3 rows do not fit dataset orders");
    }

    @Test
    void aMessageThatStartsOnTheNextLineIsJoinedToItsName() {
        assertThat(LocalSparkJob.failureOf(
                        List.of(
                                "Exception in thread \"main\" org.apache.spark.sql.catalyst.parser.ParseException: ",
                                "",
                                "[PARSE_SYNTAX_ERROR] Syntax error at or near 'datetime'.(line 1, pos 0)",
                                "",
                                "== SQL ==",
                                "datetime"),
                        1))
                .isEqualTo(
                        "org.apache.spark.sql.catalyst.parser.ParseException: [PARSE_SYNTAX_ERROR] Syntax error at or near 'datetime'.(line 1, pos 0)");
    }

    @Test
    void withoutAnExceptionTheExitCodeIsTheCause() {
        assertThat(LocalSparkJob.failureOf(List.of("killed"), 137)).isEqualTo("the curate job exited with code 137");
    }
}
