package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void shouldReadEveryKindOfValue() {
        Object value = Json.parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\\"\\n\\u00e9\\/\"}, \"d\": []} ");

        Map<String, Object> object = Json.asObject(value);
        assertThat(object).containsOnlyKeys("a", "b", "d");
        assertThat(Json.asList(object.get("a"))).containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null);
        assertThat(Json.asObject(object.get("b"))).containsEntry("c", "x\"\né/");
        assertThat(Json.asList(object.get("d"))).isEmpty();
    }

    @Test
    void policyVersionsShouldStayExact() {
        assertThat(Json.text(Json.asObject(Json.parse("{\"version\":9007199254740993123}")).get("version"))).isEqualTo("9007199254740993123");
    }

    @Test
    void shouldRefuseWhatIsNotJson() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> Json.parse("{\"a\":1]")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'}' expected");
        assertThatThrownBy(() -> Json.parse("<html>")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected character '<'");
        assertThatThrownBy(() -> Json.parse("[1] x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected text");
    }

    @Test
    void shouldWriteAndReadBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "tab\tquote\"back\\slash\u0001");
        value.put("list", List.of("a", true));
        value.put("none", null);

        String json = Json.write(value);

        assertThat(json).isEqualTo("{\"text\":\"tab\\tquote\\\"back\\\\slash\\u0001\",\"list\":[\"a\",true],\"none\":null}");
        assertThat(Json.parse(json)).isEqualTo(value);
        assertThat(Json.write(Arrays.asList("x", null))).isEqualTo("[\"x\",null]");
    }
}
