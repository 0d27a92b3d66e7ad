package dev.facetype.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Where a model came from: library version, JDK, OS and time; the caller adds seed, settings and data. */
final class Provenance {

    private Provenance() {
    }

    /** The facetype version this code was built as. */
    static String facetypeVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("facetype.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Version, JDK, OS and the current time (UTC, seconds). */
    static Map<String, Object> environment() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("facetypeVersion", facetypeVersion());
        map.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        map.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return map;
    }
}
