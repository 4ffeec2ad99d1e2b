package dev.sparkpipeline.local.checks;

import dev.sparkpipeline.local.template.BucketNames;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, found from the {@code pipeline.root} property the build sets. */
public final class ProjectFiles {

    private ProjectFiles() {}

    /** The repository root (where template.yaml is). */
    public static Path root() {
        String configured = System.getProperty("pipeline.root");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("no template.yaml under " + root + "; set -Dpipeline.root");
        }
        return root;
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }

    /** The template's buckets under their offline names (the lake's folders). */
    public static BucketNames buckets() {
        return BucketNames.of(new LocalResources(SamTemplate.read(template())));
    }
}
