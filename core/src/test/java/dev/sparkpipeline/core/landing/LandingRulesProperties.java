package dev.sparkpipeline.core.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The dataset rules on thousands of generated files: any key, any size, any content at the head
 * and tail. Every file gets a verdict (accepted, or rejected naming a rule and saying why);
 * nothing throws.
 */
class LandingRulesProperties {

    private final LandingRules rules = new LandingRules(DatasetCatalog.bundled());

    @Property(tries = 5000)
    void everyFileGetsAVerdict(@ForAll("keys") String key, @ForAll("sizes") long size, @ForAll byte[] content) {
        ObjectHead head = new ObjectHead() {
            @Override
            public byte[] first(int length) {
                return Arrays.copyOf(content, Math.min(length, content.length));
            }

            @Override
            public byte[] last(int length) {
                return Arrays.copyOfRange(content, Math.max(0, content.length - length), content.length);
            }
        };

        Verdict verdict = rules.check(key, size, head);

        assertThat(verdict).isNotNull();
        if (verdict instanceof Verdict.Rejected rejected) {
            assertThat(rejected.violation().rule()).isNotNull();
            assertThat(rejected.violation().message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> prefix =
                Arbitraries.of("orders/2026/11/22/", "customers/2026/11/22/", "", "orders/", "../", "/");
        Arbitrary<String> name = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> extension =
                Arbitraries.of(".csv", ".csv.gz", ".jsonl", ".json", ".parquet", ".txt", "", ".CSV");
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                net.jqwik.api.Combinators.combine(prefix, name, extension).as((p, n, e) -> p + n + e));
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-1, 10_000), Arbitraries.longs().between(0, Long.MAX_VALUE));
    }
}
