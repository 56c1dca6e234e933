package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A model version's scorers: reused when idle, made when none is, never more than the capacity kept. */
class ScorerPoolTest {
    private final AtomicInteger made = new AtomicInteger();
    private final ScorerPool<Object> pool = new ScorerPool<>(2, () -> "scorer " + made.incrementAndGet());

    @Test
    void anIdleScorerIsReusedInsteadOfMakingANewOne() {
        Object first = pool.take();
        pool.give(first);
        assertThat(pool.take()).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void scorersInUseAreNeverHandedOutTwice() {
        Object a = pool.take();
        Object b = pool.take();
        assertThat(a).isNotSameAs(b);
        assertThat(made).hasValue(2);
    }

    @Test
    void scorersBeyondTheCapacityAreDropped() {
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(pool.take());
        }
        taken.forEach(pool::give);
        assertThat(pool.idleCount()).isEqualTo(2);
    }

    @Test
    void aLoadedModelReturnsItsScorerAfterScoringEvenWhenTheRowIsBad() throws Exception {
        LoadedModel model = LoadedModel.load(
                new ResolvedModel(
                        "listing-price",
                        "1",
                        java.nio.file.Files.readAllBytes(TestModels.save(TestModels.price(), "listing-price")),
                        "sha",
                        "test",
                        false),
                true,
                4);
        assertThat(model.idleScorers()).isZero();
        model.score(1, i -> TestModels.goodRow());
        assertThat(model.idleScorers()).isEqualTo(1);
        assertThatThrownBy(() -> model.score(1, i -> java.util.Map.of())).isInstanceOf(RowException.class);
        assertThat(model.idleScorers())
                .as("the same scorer is back, no second one")
                .isEqualTo(1);
    }
}
