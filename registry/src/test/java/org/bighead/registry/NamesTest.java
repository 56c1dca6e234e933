package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The name rules of API.md (Names), without a server. */
class NamesTest {
    @Test
    void nameRulesAcceptTheDocumentedShapes() {
        assertThat(Names.model("listing-price")).isEqualTo("listing-price");
        assertThat(Names.model("a.b_c-1")).isEqualTo("a.b_c-1");
        assertThat(Names.model("x".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> Names.model("x".repeat(65))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Names.model("a/b")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Names.model("")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Names.alias("123")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Names.alias("history")).isInstanceOf(ApiException.class);
        assertThat(Names.alias("shadow-2")).isEqualTo("shadow-2");
    }

}
