package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.examples.DailyTotalsJob;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The example job's jar where config/datasets.json names it. {@code ./mvnw package} builds it
 * (shaded, for the engines); a build that stops at {@code test} leaves only the module's classes,
 * which this packs into that jar so the runner runs the job from its jar as a user's would be
 * (offline the runner's own class path brings the contract library and core beside it).
 */
final class ExampleJobJar {

    static final String PATH = "jobs/examples/daily-totals/target/daily-totals-job.jar";

    private ExampleJobJar() {}

    static Path ensureBuilt() {
        Path jar = ProjectFiles.root().resolve(PATH);
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try {
            Path classes = Path.of(DailyTotalsJob.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Files.createDirectories(jar.getParent());
            Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
            try (var out = new JarOutputStream(Files.newOutputStream(partial));
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            Files.move(partial, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
