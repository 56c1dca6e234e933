package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bighead.http.HttpError;
import org.junit.jupiter.api.Test;

/** The name rules of API.md (Names), without a server. */
class NamesTest {
    @Test
    void nameRulesAcceptTheDocumentedShapes() {
        assertThat(Names.model("listing-price")).isEqualTo("listing-price");
        assertThat(Names.model("a.b_c-1")).isEqualTo("a.b_c-1");
        assertThat(Names.model("x".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> Names.model("x".repeat(65))).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> Names.model("a/b")).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> Names.model("")).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> Names.alias("123")).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> Names.alias("history")).isInstanceOf(HttpError.class);
        assertThat(Names.alias("shadow-2")).isEqualTo("shadow-2");
    }
}
