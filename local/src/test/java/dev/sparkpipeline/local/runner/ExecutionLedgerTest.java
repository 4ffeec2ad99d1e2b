package dev.sparkpipeline.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger starts a name once, however many runners (each with its own ledger on the lake) start it at once. */
class ExecutionLedgerTest {

    @TempDir
    Path lake;

    @Test
    void ofManyRunnersStartingOneNameAtOnceExactlyOneStartsIt() throws Exception {
        var input = new ObjectMapper().createObjectNode().put("dataset", "orders");
        ExecutorService runners = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                starts.add(() -> ExecutionLedger.of(lake).started("orders-abc", input));
            }
            long started = 0;
            for (Future<Boolean> start : runners.invokeAll(starts)) {
                started += start.get() ? 1 : 0;
            }

            assertThat(started).isEqualTo(1);
            assertThat(ExecutionLedger.of(lake).find("orders-abc"))
                    .get()
                    .satisfies(entry -> assertThat(entry.status()).isEqualTo(ExecutionLedger.Status.STARTED));
        } finally {
            runners.shutdownNow();
        }
    }
}
