package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EMR_LIVY engine's network: only when a VPC is given do the submit, track and cancel
 * functions join it, and Livy's port on the primary node opens to those functions alone.
 */
class TemplateLivyNetworkTest {

    private final SamTemplate template = SamTemplate.read(ProjectFiles.template());
    private final Map<String, Map<String, Object>> resources = template.resources();

    @Test
    void livysPortOpensOnlyToTheFunctionsSecurityGroup() {
        Map<String, Object> primary = resources.get("LivyPrimarySecurityGroup");

        assertThat(primary).containsEntry("Condition", "UsesLivy");
        List<?> ingress = (List<?>) properties(primary).get("SecurityGroupIngress");
        assertThat(ingress)
                .singleElement()
                .satisfies(rule -> assertThat(asMap(rule))
                        .containsEntry("IpProtocol", "tcp")
                        .containsEntry("FromPort", 8998)
                        .containsEntry("ToPort", 8998)
                        .containsEntry("SourceSecurityGroupId", Map.of("Ref", "LivyClientSecurityGroup"))
                        .doesNotContainKey("CidrIp"));
        assertThat(resources.get("LivyClientSecurityGroup")).containsEntry("Condition", "UsesLivy");
    }

    @Test
    void onlyTheFunctionsThatTalkToLivyJoinTheVpcAndOnlyWhenOneIsGiven() {
        resources.forEach((name, resource) -> {
            Object vpc = properties(resource).get("VpcConfig");
            if (List.of("SubmitJobFunction", "TrackJobFunction", "CancelJobFunction")
                    .contains(name)) {
                assertThat(vpc).as(name).isInstanceOf(Map.class);
                List<?> choice = (List<?>) ((Map<?, ?>) vpc).get("Fn::If");
                assertThat(choice.get(0)).as(name).isEqualTo("UsesLivy");
                assertThat(choice.get(2)).as(name).isEqualTo(Map.of("Ref", "AWS::NoValue"));
            } else {
                assertThat(vpc).as(name).isNull();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }
}
