package dev.facetype.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Small real models kept as test resources, so that tests of the command line, the web page and model
 * compatibility need not train one first.
 *
 * <p>{@link #londonSmile()} tells neutral from smiling faces; it was trained on the London faces (CC BY 4.0,
 * DeBruine and Jones 2017) by {@code CompatibilityModelWriter} in classifier-api's tests, which also wrote
 * the predictions it must keep giving. It is the model file of classifier format 1 that every later
 * facetype must still load.
 */
public final class TestModels {

    /** Resource path of the format-1 London smile model. */
    public static final String LONDON_SMILE_RESOURCE = "/dev/facetype/testing/models/london-smile-format1.fty";

    private static Path londonSmile;

    private TestModels() {
    }

    /** The London smile model as a file (copied once per JVM to a temporary folder). */
    public static synchronized Path londonSmile() {
        if (londonSmile == null) {
            londonSmile = extract(LONDON_SMILE_RESOURCE);
        }
        return londonSmile;
    }

    private static Path extract(String resource) {
        try (InputStream in = TestModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test model " + resource + " is missing from test-support's resources");
            }
            Path dir = Files.createTempDirectory("facetype-test-models");
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
