package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class JsonTest {
    @Test
    void shouldReadEveryKindOfValue() {
        JsonNode object = Json.asObject(Json.parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\\"\\n\\u00e9\\/\"}, \"d\": []} "));

        assertThat(object.fieldNames()).toIterable().containsExactly("a", "b", "d");
        List<JsonNode> a = Json.asList(object.get("a"));
        assertThat(a).hasSize(5);
        assertThat(a.get(0).decimalValue()).isEqualByComparingTo(new BigDecimal("1"));
        assertThat(a.get(1).decimalValue()).isEqualTo(new BigDecimal("-2.5e1"));
        assertThat(List.of(Json.isTrue(a.get(2)), Json.isTrue(a.get(3)), Json.isAbsent(a.get(4)))).containsExactly(true, false, true);
        assertThat(Json.text(Json.asObject(object.get("b")).get("c"))).isEqualTo("x\"\né/");
        assertThat(Json.asList(object.get("d"))).isEmpty();
    }

    @Test
    void policyVersionsShouldStayExact() {
        assertThat(Json.text(Json.asObject(Json.parse("{\"version\":9007199254740993123}")).get("version"))).isEqualTo("9007199254740993123");
        assertThat(Json.text(Json.parse("1.50"))).isEqualTo("1.50");
        assertThat(Json.text(Json.parse("-2.5e1"))).isEqualTo("-25");
    }

    @Test
    void textShouldShowBooleansAsYesOrNoAndNullAsNothing() {
        assertThat(Json.text(Json.parse("true"))).isEqualTo("yes");
        assertThat(Json.text(Json.parse("false"))).isEqualTo("no");
        assertThat(Json.text(Json.parse("null"))).isEmpty();
        assertThat(Json.text(Json.asObject(Json.parse("{}")).get("absent"))).isEmpty();
        assertThat(Json.isTrue(Json.parse("\"true\""))).isFalse();
    }

    @Test
    void shouldRefuseWhatIsNotJson() {
        for (String notJson : List.of("{\"a\":1", "{\"a\":1]", "<html>", "[1] x", "", "  ")) {
            assertThatThrownBy(() -> Json.parse(notJson)).as(notJson).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid JSON");
        }
    }

    @Test
    void shouldRefuseAnAnswerOfAnotherShape() {
        assertThatThrownBy(() -> Json.asObject(Json.parse("[]"))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a JSON object expected, got array");
        assertThatThrownBy(() -> Json.asList(Json.parse("{}"))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a JSON array expected, got object");
    }

    @Test
    void shouldWriteAndReadBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "tab\tquote\"back\\slash\u0001");
        value.put("list", List.of("a", true));
        value.put("none", null);

        String json = Json.write(value);

        assertThat(json).isEqualTo("{\"text\":\"tab\\tquote\\\"back\\\\slash\\u0001\",\"list\":[\"a\",true],\"none\":null}");
        JsonNode read = Json.parse(json);
        assertThat(Json.text(read.get("text"))).isEqualTo("tab\tquote\"back\\slash\u0001");
        assertThat(Json.asList(read.get("list"))).extracting(Json::text).containsExactly("a", "yes");
        assertThat(read.get("none").isNull()).isTrue();
        assertThat(Json.write(Arrays.asList("x", null))).isEqualTo("[\"x\",null]");
    }
}
