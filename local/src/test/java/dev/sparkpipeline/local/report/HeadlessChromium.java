package dev.sparkpipeline.local.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real browser for page tests: Debian's {@code chromium}, headless, loading a file and answering
 * the DOM once its scripts ran. Missing, it fails the test with what to install (CI installs it).
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private HeadlessChromium() {}

    /** The DOM of {@code page} after the browser loaded it and ran its scripts. */
    static String domOf(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path dom = Files.createTempFile("dom", ".html");
        Process browser = new ProcessBuilder(
                        executable(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--dump-dom",
                        page.toUri().toString())
                .redirectOutput(dom.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!browser.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not load " + page + " within 120 s");
            }
            if (browser.exitValue() != 0) {
                throw new AssertionError("chromium exited " + browser.exitValue() + " loading " + page);
            }
            return Files.readString(dom, StandardCharsets.UTF_8);
        } finally {
            browser.destroyForcibly();
            Files.deleteIfExists(dom);
        }
    }

    private static String executable() {
        Optional<String> found = Optional.ofNullable(System.getenv("CHROMIUM"))
                .or(() -> Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                        .flatMap(folder -> NAMES.stream().map(name -> Path.of(folder, name)))
                        .filter(Files::isExecutable)
                        .map(Path::toString)
                        .findFirst());
        return found.orElseThrow(() -> new AssertionError(
                "no chromium on PATH: the HTML report is tested in a real browser; install Debian's package"
                        + " (apt-get install chromium), as .ci/run does"));
    }
}
