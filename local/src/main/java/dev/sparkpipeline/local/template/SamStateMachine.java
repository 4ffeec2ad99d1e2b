package dev.sparkpipeline.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's {@code AWS::Serverless::StateMachine}: where its definition is and what its
 * {@code ${...}} placeholders are replaced with.
 *
 * @param logicalId      the resource's logical id
 * @param definition     the definition file
 * @param substitutions  DefinitionSubstitutions by placeholder name (values may be intrinsics)
 * @param properties     every property
 */
public record SamStateMachine(
        String logicalId, Path definition, Map<String, Object> substitutions, Map<String, Object> properties) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    /** The definition's text, placeholders untouched. */
    public String definitionText() {
        try {
            return Files.readString(definition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + definition, e);
        }
    }

    /** The names of the {@code ${...}} placeholders the definition uses. */
    public Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definitionText());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The definition with every placeholder replaced by the value this map gives it. */
    public String substitute(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(definitionText());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
