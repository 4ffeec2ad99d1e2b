package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.contract.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One load: {@code files} orders files of {@code fileBytes} each landing evenly over
 * {@code over}, the orders dataset on {@code engine}, with its batch policy (batched) or without
 * it (one execution per file).
 *
 * @param shape     the load's name ({@code steady-3000h}, {@code burst-5000})
 * @param engine    the engine orders runs on
 * @param batched   with orders' batch policy
 * @param files     files landed
 * @param over      the time they land over
 * @param fileBytes each file's size
 */
record IntakeScenario(String shape, Engine engine, boolean batched, int files, Duration over, long fileBytes) {

    /** Each landed file: a small application dump. */
    static final long FILE_BYTES = 256 * 1024;

    /** The scenarios, full size or ({@code quick}) a tenth of it at the same rates. */
    static List<IntakeScenario> all(boolean quick) {
        List<IntakeScenario> scenarios = new ArrayList<>();
        for (Engine engine : List.of(Engine.EMR_SERVERLESS, Engine.GLUE)) {
            for (boolean batched : List.of(true, false)) {
                // 3,000 files an hour for two hours (quick: for 10 minutes).
                scenarios.add(
                        quick
                                ? new IntakeScenario(
                                        "steady-3000h-10min", engine, batched, 500, Duration.ofMinutes(10), FILE_BYTES)
                                : new IntakeScenario(
                                        "steady-3000h", engine, batched, 6000, Duration.ofHours(2), FILE_BYTES));
                // 5,000 files in one minute (quick: 500 files at the same rate, in 6 seconds).
                scenarios.add(
                        quick
                                ? new IntakeScenario(
                                        "burst-500", engine, batched, 500, Duration.ofSeconds(6), FILE_BYTES)
                                : new IntakeScenario(
                                        "burst-5000", engine, batched, 5000, Duration.ofMinutes(1), FILE_BYTES));
            }
        }
        return scenarios;
    }

    /** The scenario's name: shape, engine, and {@code per-file} when it runs one execution a file. */
    String name() {
        return shape + "-" + engine.name().toLowerCase(Locale.ROOT).replace('_', '-') + (batched ? "" : "-per-file");
    }

    /** When file {@code index} lands, from {@code start}. */
    Instant landing(Instant start, int index) {
        return start.plusMillis(over.toMillis() * index / files);
    }
}
