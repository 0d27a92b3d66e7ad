package dev.facetype.cnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesExactText() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of(1.5, true, "x\"y"));
        map.put("c", null);
        assertEquals("{\"a\":1,\"b\":[1.5,true,\"x\\\"y\"],\"c\":null}", Json.write(map));
    }

    @Test
    void roundTripsUnicodeAndNumbers() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("labels", Arrays.asList("しょうゆ顔", "ソース顔", "砂糖顔", "塩顔"));
        map.put("big", 1L << 40);
        map.put("negative", -3.25e-7);
        map.put("control", "line\nbreak\u0001");
        assertEquals(map, Json.parseObject(Json.write(map)));
    }

    @Test
    void parsesWhitespaceAndEscapes() {
        Map<String, Object> map = Json.parseObject(" { \"k\" : [ 1 , 2.0 , \"\\u00e9\\n\" ] } ");
        assertEquals(List.of(1L, 2.0, "é\n"), map.get("k"));
    }

    @Test
    void malformedTextSaysWhere() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertTrue(error.getMessage().contains("character 6"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} extra"));
    }
}
