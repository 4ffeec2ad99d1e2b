package dev.sparkpipeline.local.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.engine.CurateJobCall;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local job's JVM never outlives its runner, even one killed with SIGKILL, which runs no shutdown hook. */
class LocalJobSupervisionTest {

    @Test
    void aJobWhoseRunnerIsKilledStopsOnItsOwn(@TempDir Path work) throws Exception {
        Process runner = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        JobStartingRunner.class.getName(),
                        work.toString()))
                .redirectErrorStream(true)
                .start();
        ProcessHandle job = null;
        try {
            var lines = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
            String pid = lines.readLine();
            assertThat(pid).as("the runner reports the job it started").matches("\\d+");
            job = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
            assertThat(job.isAlive()).isTrue();

            runner.destroyForcibly().waitFor(20, TimeUnit.SECONDS);

            assertThat(job.onExit().get(30, TimeUnit.SECONDS).isAlive())
                    .as("the job after its runner's SIGKILL")
                    .isFalse();
        } finally {
            runner.destroyForcibly();
            if (job != null) {
                job.destroyForcibly();
            }
        }
    }

    /** A runner that starts a job through the real launcher, prints the job's pid, and waits to be killed. */
    public static final class JobStartingRunner {
        public static void main(String[] args) throws Exception {
            Path work = Path.of(args[0]);
            Process job = LocalSparkJob.forThisJvm()
                    .withMainClass(SleepingJob.class.getName())
                    .start(
                            new CurateJobCall("in", "out", "orders", "run", Map.of()),
                            Map.of(),
                            work.resolve("job.log"));
            System.out.println(job.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    /** A job that would run for ten minutes unless stopped. */
    public static final class SleepingJob {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }
}
