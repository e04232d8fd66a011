package odoodr.json;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void escapesWhatJsonAndJavaScriptNeed() {
        assertThat(Json.quote("a\"b\\c\nd\te\u0001f\u2028g é")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028g é\"");
    }

    @Test
    void emptyContainersNumbersAndOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", List.of());
        m.put("a", new LinkedHashMap<>());
        m.put("n", 3.0);
        m.put("f", 0.125);
        m.put("l", 10_000_000_000L);
        m.put("b", false);
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        m.put("x", withNull);
        assertThat(Json.write(m)).isEqualTo("""
                {
                  "z": [],
                  "a": {},
                  "n": 3,
                  "f": 0.125,
                  "l": 10000000000,
                  "b": false,
                  "x": [
                    null
                  ]
                }
                """);
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
