package dev.sparkpipeline.local.checks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, found from the {@code pipeline.root} property the build sets. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The repository root (where template.yaml is). */
    public static Path root() {
        String configured = System.getProperty("pipeline.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("no template.yaml under " + root + "; set -Dpipeline.root");
        }
        return root;
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }
}
