package dev.facetype.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real data sets kept beside the checkout in {@code ../shared}.
 *
 * <p>Tests that need a data set call {@link #require(String)}: when the folder is missing the test
 * <em>fails</em> with a message saying where it looked and how to point it elsewhere. It never skips,
 * so a machine without the data cannot pass silently.
 */
public final class SharedData {

    /** System property set by the build (see the parent pom) to the shared folder. */
    public static final String PROPERTY = "facetype.shared.dir";

    /** Environment variable that may point to the shared folder when the property is not set. */
    public static final String ENVIRONMENT = "FACETYPE_SHARED_DIR";

    private SharedData() {
    }

    /** The shared folder: the system property, else the environment variable, else {@code ../shared}. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // Walk up from the working directory (a module folder in a Maven run) to find a sibling "shared".
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate.normalize();
            }
        }
        return Path.of("..", "shared").toAbsolutePath().normalize();
    }

    /**
     * A path inside the shared folder, for example {@code "data/mnist"}; fails the calling test with a
     * clear message when it does not exist.
     */
    public static Path require(String relative) {
        Path path = root().resolve(relative).normalize();
        if (!Files.exists(path)) {
            fail("Shared data '" + relative + "' is missing: looked for " + path
                    + ". The real data sets live in ../shared beside the checkout; point -D" + PROPERTY
                    + "=<dir> or the " + ENVIRONMENT + " environment variable at them.");
        }
        return path;
    }
}
