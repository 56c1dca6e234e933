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
        Utf8Text text = new Utf8Text(out::add, 60_000);
        byte[] bytes = "a€b🙂".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            text.write(new byte[] {b}, 0, 1);
        }
        text.flush();
        assertThat(String.join("", out)).isEqualTo("a€b🙂");
        assertThat(out).allSatisfy(piece -> assertThat(piece).doesNotContain("\uFFFD"));
    }

    @Test
    void piecesOfOneLineGoOutAsOneMessage() {
        List<String> out = new ArrayList<>();
        Utf8Text text = new Utf8Text(out::add, 60_000); // no timer flush during the test
        for (String piece : new String[] {"price: $", "294.74", " a night", "\n", "next"}) {
            byte[] b = piece.getBytes(StandardCharsets.UTF_8);
            text.write(b, 0, b.length);
        }
        assertThat(out).containsExactly("price: $294.74 a night\n");
        text.flush();
        assertThat(out).containsExactly("price: $294.74 a night\n", "next");
    }

    @Test
    void aPartialLineGoesOutByItselfAfterAMoment() throws Exception {
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        Utf8Text text = new Utf8Text(out::add);
        byte[] b = "epoch 3/10 ...".getBytes(StandardCharsets.UTF_8);
        text.write(b, 0, b.length);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (out.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(out).containsExactly("epoch 3/10 ...");
    }

    @Test
    void completePrefixStopsBeforeAnUnfinishedSequence() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Text.completePrefix(new byte[] {'x', euro[0], euro[1]})).isEqualTo(1);
        assertThat(Utf8Text.completePrefix(new byte[] {'x', euro[0], euro[1], euro[2]}))
                .isEqualTo(4);
        assertThat(Utf8Text.completePrefix("plain".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(5);
    }
}
