package dev.sparkpipeline.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The SAM template as the local runner and the build checks read it: the functions with their
 * handlers, build method and environment, and the state machine with its definition and
 * substitutions. CloudFormation short-form tags ({@code !Ref}, {@code !Sub}, ...) become their
 * long form ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), exactly as CloudFormation reads them.
 */
public final class SamTemplate {

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String STATE_MACHINE = "AWS::Serverless::StateMachine";

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    /** Reads a template file. */
    public static SamTemplate read(Path file) {
        try {
            Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(Files.readString(file));
            return new SamTemplate(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The folder the template lives in: CodeUri and DefinitionUri are relative to it. */
    public Path directory() {
        return file.toAbsolutePath().getParent();
    }

    /** The whole template, intrinsics in long form. */
    public Map<String, Object> root() {
        return root;
    }

    /** Every resource by logical id, in template order. */
    public Map<String, Map<String, Object>> resources() {
        return cast(root.getOrDefault("Resources", Map.of()));
    }

    /** The functions by logical id, with Globals applied where the function sets nothing. */
    public Map<String, SamFunction> functions() {
        Map<String, Object> allGlobals = cast(root.getOrDefault("Globals", Map.of()));
        Map<String, Object> globals = cast(allGlobals.getOrDefault("Function", Map.of()));
        Map<String, SamFunction> functions = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (FUNCTION.equals(resource.get("Type"))) {
                Map<String, Object> properties = new LinkedHashMap<>(globals);
                properties.putAll(cast(resource.getOrDefault("Properties", Map.of())));
                Map<String, Object> metadata = cast(resource.getOrDefault("Metadata", Map.of()));
                functions.put(
                        id,
                        new SamFunction(
                                id,
                                (String) properties.get("Handler"),
                                String.valueOf(properties.getOrDefault("CodeUri", ".")),
                                (String) metadata.get("BuildMethod"),
                                (String) properties.get("Runtime"),
                                properties));
            }
        });
        return functions;
    }

    /** The one state machine of the pipeline. */
    public SamStateMachine stateMachine() {
        return resources().entrySet().stream()
                .filter(entry -> STATE_MACHINE.equals(entry.getValue().get("Type")))
                .map(entry -> {
                    Map<String, Object> properties = cast(entry.getValue().get("Properties"));
                    return new SamStateMachine(
                            entry.getKey(),
                            directory().resolve((String) properties.get("DefinitionUri")),
                            cast(properties.getOrDefault("DefinitionSubstitutions", Map.of())),
                            properties);
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " declares no " + STATE_MACHINE));
    }

    // The YAML tree's one unchecked cast: callers name the shape they expect (Map<String, Object>, a
    // List), which no Class token can express.
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    static <T> T cast(Object value) {
        return (T) value;
    }

    /** Turns {@code !Tag value} into {@code {"Fn::Tag": value}} ({@code !Ref} into {@code Ref}). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String name : List.of("Ref", "Condition")) {
                yamlConstructors.put(new Tag("!" + name), new LongForm(name));
            }
            for (String name : List.of(
                    "Sub",
                    "GetAtt",
                    "If",
                    "Not",
                    "Equals",
                    "And",
                    "Or",
                    "Join",
                    "Split",
                    "Select",
                    "FindInMap",
                    "GetAZs",
                    "ImportValue",
                    "Base64",
                    "Cidr",
                    "Length",
                    "ToJsonString")) {
                yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute].
                    value = key.equals("Fn::GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
