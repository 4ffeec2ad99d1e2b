package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves {@code sam build} without SAM: for every function, runs exactly what SAM runs for
 * {@code BuildMethod: makefile} ({@code make build-<LogicalId>} in the CodeUri folder with
 * ARTIFACTS_DIR set), then loads the handler from the artifact alone, as the Lambda Java
 * runtime would (artifact root and lib/*.jar on the class path).
 */
class SamBuildContractTest {

    private static final List<String> RUNTIME_HANDLER_INTERFACES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    @TempDir
    Path artifacts;

    @TestFactory
    Stream<DynamicTest> everyFunctionBuildsAnArtifactHoldingItsHandler() {
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        assertThat(template.functions()).isNotEmpty();
        return template.functions().values().stream()
                .map(function ->
                        DynamicTest.dynamicTest(function.logicalId(), () -> buildAndInspect(template, function)));
    }

    private void buildAndInspect(SamTemplate template, SamFunction function) throws Exception {
        assertThat(function.buildMethod())
                .as("BuildMethod of %s", function.logicalId())
                .isEqualTo("makefile");
        assertThat(function.runtime()).isEqualTo("java21");
        Path codeUri = template.directory().resolve(function.codeUri()).normalize();
        assertThat(codeUri.resolve("Makefile"))
                .as("SAM looks for the Makefile in CodeUri")
                .isRegularFile();
        Path artifactDir = Files.createDirectories(artifacts.resolve(function.logicalId()));

        // The Makefile's own recipe; offline because the build running this test has already
        // resolved every plugin and dependency the packaging needs (the modules come first).
        var build = ExternalCommand.run(
                codeUri,
                Map.of("ARTIFACTS_DIR", artifactDir.toString()),
                600,
                List.of("make", "build-" + function.logicalId(), "MAVEN_FLAGS=-B -q -o -DskipTests -Dquick"));

        assertThat(build.exitCode()).as(build.output()).isZero();
        List<Path> jars = libraryJars(artifactDir);
        assertThat(jars).as("lib/ of %s", function.logicalId()).isNotEmpty();
        assertThat(jars)
                .extracting(jar -> jar.getFileName().toString())
                .as("one HTTP stack: no Netty or Apache client")
                .noneMatch(name -> name.startsWith("netty-nio-client") || name.startsWith("apache-client"))
                .anyMatch(name -> name.startsWith("aws-lambda-java-core"));
        assertHandlerLoads(function, artifactDir, jars);
    }

    private static void assertHandlerLoads(SamFunction function, Path artifactDir, List<Path> jars) throws Exception {
        List<URL> classPath = new ArrayList<>();
        classPath.add(artifactDir.toUri().toURL());
        for (Path jar : jars) {
            classPath.add(toUrl(jar));
        }
        // Parent: the platform loader, so nothing from this test's own class path leaks in.
        try (var loader = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> handler = Class.forName(function.handlerClass(), false, loader);

            assertThat(Modifier.isPublic(handler.getModifiers())).isTrue();
            assertThat(handler.getConstructor().getParameterCount())
                    .as("public no-arg constructor")
                    .isZero();
            assertThat(interfacesOf(handler))
                    .as("%s implements a Lambda handler interface", handler.getName())
                    .containsAnyElementsOf(RUNTIME_HANDLER_INTERFACES);
            String method = function.handler().substring(function.handler().indexOf("::") + 2);
            assertThat(handler.getMethods())
                    .extracting(java.lang.reflect.Method::getName)
                    .contains(method);
        }
    }

    private static List<String> interfacesOf(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                names.add(implemented.getName());
            }
        }
        return names;
    }

    private static List<Path> libraryJars(Path artifactDir) throws IOException {
        Path lib = artifactDir.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
