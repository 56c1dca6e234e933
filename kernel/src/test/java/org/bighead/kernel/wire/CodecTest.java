package org.bighead.kernel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages are signed with HMAC-SHA256; anything badly signed or malformed is dropped with a log line. */
class CodecTest {
    private final Codec codec = new Codec("secret-key");
    private final List<String> log = new ArrayList<>();

    private Message request() {
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("code", "1 + 1");
        return Message.create(
                List.of("client-id".getBytes(StandardCharsets.UTF_8)),
                "execute_request",
                null,
                content,
                List.of(new byte[] {1, 2}));
    }

    @Test
    void aSignedMessageRoundTripsWithIdentitiesAndBuffers() {
        Message decoded = codec.decode(codec.encode(request()), log::add);
        assertThat(decoded).isNotNull();
        assertThat(decoded.type()).isEqualTo("execute_request");
        assertThat(decoded.content().path("code").asText()).isEqualTo("1 + 1");
        assertThat(new String(decoded.identities().get(0), StandardCharsets.UTF_8))
                .isEqualTo("client-id");
        assertThat(decoded.buffers()).hasSize(1);
        assertThat(log).isEmpty();
    }

    @Test
    void theSignatureIsTheHexHmacOfTheFourJsonFrames() throws Exception {
        List<byte[]> frames = codec.encode(request());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (int i = 3; i < 7; i++) mac.update(frames.get(i));
        assertThat(new String(frames.get(2), StandardCharsets.US_ASCII))
                .isEqualTo(java.util.HexFormat.of().formatHex(mac.doFinal()));
    }

    @Test
    void aBadSignatureIsDroppedAndLogged() {
        List<byte[]> frames = new ArrayList<>(codec.encode(request()));
        frames.set(2, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        assertThat(codec.decode(frames, log::add)).isNull();
        assertThat(log).singleElement().asString().contains("invalid signature");
    }

    @Test
    void aTamperedContentFrameIsDropped() {
        List<byte[]> frames = new ArrayList<>(codec.encode(request()));
        frames.set(6, "{\"code\": \"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.decode(frames, log::add)).isNull();
    }

    @Test
    void aMessageSignedWithAnotherKeyIsDropped() {
        List<byte[]> frames = new Codec("other-key").encode(request());
        assertThat(codec.decode(frames, log::add)).isNull();
    }

    @Test
    void garbageFramesAreDroppedWithoutAnException() {
        assertThat(codec.decode(List.of("hello".getBytes(StandardCharsets.UTF_8)), log::add))
                .isNull();
        assertThat(log).singleElement().asString().contains("malformed");
    }

    @Test
    void withoutAKeyMessagesCarryAnEmptySignature() {
        Codec open = new Codec("");
        List<byte[]> frames = open.encode(request());
        assertThat(frames.get(2)).isEmpty();
        assertThat(open.decode(frames, log::add)).isNotNull();
    }
}
