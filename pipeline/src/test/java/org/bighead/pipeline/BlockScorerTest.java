package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A block of rows scores exactly as the same rows one by one, and a bad row fails alone. */
class BlockScorerTest {

    @Test
    void everyRowOfABlockScoresAsTheScorerScoresItAloneAndABadRowGetsItsOwnError() {
        FittedPipeline model = Fixtures.price();
        Table test = Fixtures.listings().test();
        List<String> inputs = model.inputSchema().names();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) rows.add(Fixtures.row(test, i));
        rows.get(7).put("accommodates", "many"); // unparsable
        rows.get(8).remove("room_type"); // absent, not just empty
        Scorer scorer = model.scorer();
        BlockScorer block = model.blockScorer(64);

        for (int first = 0; first < rows.size(); first += block.capacity()) {
            int n = Math.min(block.capacity(), rows.size() - first);
            for (int r = 0; r < n; r++) {
                Map<String, Object> row = rows.get(first + r);
                block.clear(r);
                for (int i = 0; i < inputs.size(); i++) {
                    if (row.containsKey(inputs.get(i))) {
                        block.set(r, i, row.get(inputs.get(i)));
                    } else {
                        block.absent(r, i);
                    }
                }
            }
            block.run(n);
            for (int r = 0; r < n; r++) {
                Map<String, Object> row = rows.get(first + r);
                PipelineException error = block.error(r);
                try {
                    assertThat(block.value(r)).as("row %d", first + r).isEqualTo(scorer.score(row));
                    assertThat(error).as("row %d", first + r).isNull();
                } catch (PipelineException expected) {
                    assertThat(error).as("row %d", first + r).hasMessage(expected.getMessage());
                }
            }
        }
        assertThat(model.blockScorer(1).capacity()).isEqualTo(1);
        assertThatThrownBy(() -> model.blockScorer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClassifiersBlockGivesTheScorersClassesAndProbabilities() {
        Table train = Fixtures.listings().train();
        FittedPipeline booked =
                org.bighead.pipeline.data.ListingsPipelines.booked().fit(train);
        Table test = Fixtures.listings().test();
        List<String> inputs = booked.inputSchema().names();
        Scorer scorer = booked.scorer();
        BlockScorer block = booked.blockScorer(50);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            rows.add(new HashMap<>(Fixtures.row(test, r)));
            block.clear(r);
            for (int i = 0; i < inputs.size(); i++) block.set(r, i, rows.get(r).get(inputs.get(i)));
        }
        block.run(50);
        for (int r = 0; r < 50; r++) {
            assertThat(block.value(r)).isEqualTo(scorer.score(rows.get(r)));
            for (int k = 0; k < booked.classes().size(); k++) {
                assertThat(block.probability(r, k)).isEqualTo(scorer.probability(k));
            }
        }
    }
}
