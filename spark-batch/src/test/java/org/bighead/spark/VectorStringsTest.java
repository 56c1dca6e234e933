package org.bighead.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.execution.vectorized.Dictionary;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class VectorStringsTest {
    @Test
    void plainValuesAreTheStringsSparkWouldMake() {
        try (OnHeapColumnVector vector = new OnHeapColumnVector(3, DataTypes.StringType)) {
            List<String> values = List.of("Wifi, Kitchen", "Café ☕", "");
            for (int r = 0; r < values.size(); r++) {
                vector.putByteArray(r, values.get(r).getBytes(StandardCharsets.UTF_8));
            }
            VectorStrings strings = new VectorStrings();
            for (int r = 0; r < values.size(); r++) {
                assertThat(strings.get(vector, r))
                        .isEqualTo(values.get(r))
                        .isEqualTo(vector.getUTF8String(r).toString());
            }
        }
    }

    @Test
    void dictionaryValuesAreMadeOnceAndFollowTheDictionaryOfEachRowGroup() {
        try (OnHeapColumnVector vector = new OnHeapColumnVector(4, DataTypes.StringType)) {
            vector.reserveDictionaryIds(4);
            for (int r = 0; r < 4; r++) vector.getDictionaryIds().putInt(r, r % 2);
            vector.setDictionary(dictionary("Mission", "Nob Hill"));
            VectorStrings strings = new VectorStrings();

            String first = strings.get(vector, 0);
            assertThat(first).isEqualTo("Mission");
            assertThat(strings.get(vector, 1)).isEqualTo("Nob Hill");
            assertThat(strings.get(vector, 2)).isSameAs(first); // made once per entry

            // the next row group's dictionary gives the same ids other values
            vector.setDictionary(dictionary("Castro", "Mission"));
            assertThat(strings.get(vector, 0)).isEqualTo("Castro");
            assertThat(strings.get(vector, 3)).isEqualTo("Mission");
        }
    }

    private static Dictionary dictionary(String... entries) {
        return new Dictionary() {
            @Override
            public byte[] decodeToBinary(int id) {
                return entries[id].getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public int decodeToInt(int id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long decodeToLong(int id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public float decodeToFloat(int id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double decodeToDouble(int id) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
