package org.bighead.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.bighead.pipeline.Fixtures;
import org.junit.jupiter.api.Test;

/** The compiled tree file a bundle carries reads back into exactly the ensemble its JSON model gives. */
class TreeEnsembleBinaryTest {

    private static TreeEnsemble fromJson() {
        return TreeEnsemble.fromJson(((XGBoostModel) Fixtures.price().model()).modelJson());
    }

    @Test
    void theBinaryFormPredictsTheSameBitsAsTheJsonModel() {
        TreeEnsemble json = fromJson();
        TreeEnsemble binary = TreeEnsemble.fromBinary(json.toBinary());
        java.util.Random random = new java.util.Random(1);
        double[] x = new double[json.numFeatures()];
        double[] a = new double[1];
        double[] b = new double[1];
        for (int row = 0; row < 2_000; row++) {
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * 3;
            }
            json.predict(x, a);
            binary.predict(x, b);
            assertThat(b[0]).isEqualTo(a[0]);
        }
        assertThat(binary.numTrees()).isEqualTo(json.numTrees());
        assertThat(binary.toBinary()).isEqualTo(json.toBinary());
    }

    @Test
    void aDamagedBinaryIsRefusedInsteadOfCrashingLater() {
        byte[] good = fromJson().toBinary();
        assertThatThrownBy(() -> TreeEnsemble.fromBinary(Arrays.copyOf(good, good.length - 7)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] corrupt = good.clone();
        // four bytes in the middle of the node array: whichever int they hit gets a huge high byte
        int at = good.length / 2;
        Arrays.fill(corrupt, at, at + 4, (byte) 0x7f);
        assertThatThrownBy(() -> TreeEnsemble.fromBinary(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> TreeEnsemble.fromBinary(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .hasMessageContaining("not a Bighead tree file");
    }
}
