package org.bighead.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

    private static HttpResponseParser.Response parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return HttpResponseParser.parse(bytes, bytes.length);
    }

    @Test
    void aResponseWithContentLengthEndsAfterItsBody() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n"
                + "{\"prediction\":1}\n";
        assertThat(parse(response)).isEqualTo(new HttpResponseParser.Response(200, response.length(), false));
    }

    @Test
    void aResponseIsIncompleteUntilItsWholeBodyArrived() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"predic"))
                .isNull();
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Len")).isNull();
    }

    @Test
    void aChunkedBodyEndsAtTheZeroChunk() {
        String response =
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n";
        assertThat(parse(response)).isEqualTo(new HttpResponseParser.Response(200, response.length(), false));
        assertThat(parse(response.substring(0, response.length() - 2))).isNull();
        assertThat(parse(response.substring(0, response.indexOf("wor")))).isNull();
    }

    @Test
    void theStatusAndAConnectionCloseAreReported() {
        String response = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
        assertThat(parse(response)).isEqualTo(new HttpResponseParser.Response(400, response.length(), true));
    }

    @Test
    void aNoContentResponseHasNoBody() {
        assertThat(parse("HTTP/1.1 204 No Content\r\n\r\n")).isEqualTo(new HttpResponseParser.Response(204, 27, false));
    }

    @Test
    void aBodyThatEndsAtConnectionCloseIsRefused() {
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\n\r\nhello"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither Content-Length nor chunked");
    }

    @Test
    void bytesThatAreNotHttpAreRefused() {
        assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH_9.2\r\n\r\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not an HTTP/1.x response");
    }
}
