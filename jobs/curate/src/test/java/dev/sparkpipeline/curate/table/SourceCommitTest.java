package dev.sparkpipeline.curate.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which snapshot holds a source version: what makes a replay a no-op and a new version new data. */
class SourceCommitTest {

    private static final SourceCommit V1 = commit("run-1", "s3://l/orders/a.csv", "v1", "e1");

    @Test
    void theSameRunOfTheSameObjectIsRecorded() {
        assertThat(V1.recordedIn(
                        commit("run-1", "s3://l/orders/a.csv", null, null).properties()))
                .isTrue();
    }

    @Test
    void anotherRunOfTheSameVersionIsRecordedWhateverItsEtagSays() {
        assertThat(commit("run-2", "s3://l/orders/a.csv", "v1", null).recordedIn(V1.properties()))
                .isTrue();
    }

    @Test
    void aNewVersionOfTheSameKeyIsNewDataEvenWithTheSameBytes() {
        assertThat(commit("run-2", "s3://l/orders/a.csv", "v2", "e1").recordedIn(V1.properties()))
                .isFalse();
    }

    @Test
    void withoutVersionsTheEtagTellsVersionsApart() {
        SourceCommit unversioned = commit("run-1", "s3://l/orders/a.csv", null, "e1");

        assertThat(commit("run-2", "s3://l/orders/a.csv", null, "e1").recordedIn(unversioned.properties()))
                .isTrue();
        assertThat(commit("run-3", "s3://l/orders/a.csv", null, "e2").recordedIn(unversioned.properties()))
                .isFalse();
    }

    @Test
    void aRunNameReusedForAnotherObjectIsNotAReplay() {
        assertThat(commit("run-1", "s3://l/orders/b.csv", "v9", "e9").recordedIn(V1.properties()))
                .isFalse();
    }

    @Test
    void anObjectKnownByNeitherVersionNorEtagIsKnownByItsRunAlone() {
        SourceCommit bare = commit("run-1", "s3://l/orders/a.csv", null, null);

        assertThat(commit("run-2", "s3://l/orders/a.csv", null, null).recordedIn(bare.properties()))
                .isFalse();
    }

    private static SourceCommit commit(String run, String source, String version, String etag) {
        return new SourceCommit(run, source, version, etag, 4, 0, 0);
    }
}
