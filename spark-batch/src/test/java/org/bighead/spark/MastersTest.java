package org.bighead.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MastersTest {
    @Test
    void anEmbeddedMastersCoresAreReadFromItsName() {
        assertThat(BatchScoreMain.localCores("local[3]")).isEqualTo(3);
        assertThat(BatchScoreMain.localCores("local[2,4]")).isEqualTo(2); // N cores, F task failures
        assertThat(BatchScoreMain.localCores("local[*]"))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(BatchScoreMain.localCores("local")).isEqualTo(1);
    }

    @Test
    void aStandaloneMasterThatNothingAnswersIsOneLineBeforeSparkStarts() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> ClusterMaster.requireAnswer("spark://127.0.0.1:" + closed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no Spark master answers at spark://127.0.0.1:" + closed
                        + " (--master or the setting batch-score.master; local[*] runs Spark embedded)");
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // any host of a high-availability list that answers will do
            String master = "spark://127.0.0.1:" + closed + ",127.0.0.1:" + open.getLocalPort();
            assertThatCode(() -> ClusterMaster.requireAnswer(master)).doesNotThrowAnyException();
        }
        assertThatCode(() -> ClusterMaster.requireAnswer("yarn")).doesNotThrowAnyException();
    }
}
