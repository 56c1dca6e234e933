package org.bighead.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalCoresTest {
    @Test
    void anEmbeddedMastersCoresAreReadFromItsName() {
        assertThat(BatchScoreMain.localCores("local[3]")).isEqualTo(3);
        assertThat(BatchScoreMain.localCores("local[2,4]")).isEqualTo(2); // N cores, F task failures
        assertThat(BatchScoreMain.localCores("local[*]"))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(BatchScoreMain.localCores("local")).isEqualTo(1);
    }
}
