package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template grants no more than it must and keeps its safe defaults ({@link TemplateSecurityRules}).
 * Each rule is also shown to catch the change it guards against, on a copy of the template.
 */
class TemplateSecurityTest {

    @TempDir
    Path folder;

    @Test
    void theTemplateHasNoFindings() {
        assertThat(TemplateSecurityRules.findings(SamTemplate.read(ProjectFiles.template())))
                .isEmpty();
    }

    @Test
    void everyUnscopedActionOfTheAllowListSaysWhy() {
        assertThat(TemplateSecurityRules.UNSCOPED_ACTIONS)
                .allSatisfy((action, reason) -> assertThat(reason).isNotBlank());
    }

    /** A change to the template, and the finding it must cause. */
    private record Mutation(String original, String changed, String finding) {
        @Override
        public String toString() {
            return finding;
        }
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("Action: events:PutEvents", "Action: \"*\"", "EmitPipelineEvents: Action \"*\""),
                new Mutation(
                        "Resource: !Sub \"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default\"",
                        "Resource: \"*\"",
                        "Resource \"*\" for events:PutEvents"),
                new Mutation(
                        "iam:PassedToService: elasticmapreduce.amazonaws.com",
                        "aws:SourceAccount: !Ref AWS::AccountId",
                        "PassEmrServiceRole: iam:PassRole without an iam:PassedToService"),
                new Mutation(
                        "BlockPublicPolicy: true",
                        "BlockPublicPolicy: false",
                        "LandingBucket: Block Public Access without BlockPublicPolicy"),
                new Mutation(
                        "Bucket: !Ref LandingBucket",
                        "Bucket: !Ref CuratedBucket",
                        "LandingBucket: no bucket policy denying requests without TLS"),
                new Mutation(
                        "Tracing:\n        Enabled: true",
                        "Tracing:\n        Enabled: false",
                        "PipelineStateMachine: state machine without X-Ray tracing"),
                new Mutation("Level: ALL", "Level: \"OFF\"", "PipelineStateMachine: state machine without logging"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachRuleCatchesTheChangeItGuardsAgainst(Mutation mutation) throws IOException {
        String text = Files.readString(ProjectFiles.template());
        assertThat(text).contains(mutation.original());
        Path copy = folder.resolve("template.yaml");
        Files.writeString(
                copy,
                text.replaceFirst(Pattern.quote(mutation.original()), Matcher.quoteReplacement(mutation.changed())));

        assertThat(TemplateSecurityRules.findings(SamTemplate.read(copy)))
                .anySatisfy(line -> assertThat(line).contains(mutation.finding()));
    }

    @Test
    void aBucketWithoutVersioningOrEncryptionIsFound() throws IOException {
        String text = Files.readString(ProjectFiles.template());
        Path copy = folder.resolve("template.yaml");
        Files.writeString(
                copy,
                text.replaceFirst("      VersioningConfiguration: \\{Status: Enabled}\n", "")
                        .replace("      BucketEncryption: *encryption\n", ""));

        var findings = TemplateSecurityRules.findings(SamTemplate.read(copy));

        assertThat(findings)
                .contains("LandingBucket: versioning not enabled")
                .anySatisfy(line -> assertThat(line).endsWith(": no default encryption"));
    }

    @Test
    void aFunctionWhoseLogGroupHasNoRetentionIsFound() throws IOException {
        String text = Files.readString(ProjectFiles.template());
        Path copy = folder.resolve("template.yaml");
        int group = text.indexOf("  ValidateFunctionLogGroup:");
        int retention = text.indexOf("      RetentionInDays:", group);
        int lineEnd = text.indexOf('\n', retention);
        Files.writeString(copy, text.substring(0, retention) + text.substring(lineEnd + 1));

        assertThat(TemplateSecurityRules.findings(SamTemplate.read(copy)))
                .contains("ValidateFunction: function without a log group of the template with a retention");
    }
}
