package org.bighead.kernel.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Printed bytes become text even when a character's UTF-8 bytes arrive in separate writes. */
class Utf8TextTest {

    @Test
    void aCharacterSplitAcrossWritesIsHeldBackUntilComplete() {
        List<String> out = new ArrayList<>();
        Utf8Text text = new Utf8Text(out::add);
        byte[] bytes = "a€b🙂".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            text.write(new byte[] {b}, 0, 1);
        }
        assertThat(String.join("", out)).isEqualTo("a€b🙂");
        assertThat(out).allSatisfy(piece -> assertThat(piece).doesNotContain("\uFFFD"));
    }

    @Test
    void completePrefixStopsBeforeAnUnfinishedSequence() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Text.completePrefix(new byte[] {'x', euro[0], euro[1]})).isEqualTo(1);
        assertThat(Utf8Text.completePrefix(new byte[] {'x', euro[0], euro[1], euro[2]})).isEqualTo(4);
        assertThat(Utf8Text.completePrefix("plain".getBytes(StandardCharsets.UTF_8))).isEqualTo(5);
    }
}
