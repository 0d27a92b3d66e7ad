package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library must work on a plain {@code java} command line: without the Vector API module it falls back to the
 * scalar kernels and never loads the class that imports that module. Checked in a child JVM, since this one runs
 * with the module.
 */
class SgemmFallbackTest {

    @Test
    void withoutTheVectorModuleTheScalarKernelsRun() throws Exception {
        Result result = runProbe();
        assertEquals(0, result.exitCode, result.output);
        assertEquals("scalar ok", result.output.strip());
    }

    @Test
    void withoutTheVectorModuleTheVectorClassIsNeverLoaded() throws Exception {
        Result result = runProbe("-Xlog:class+load=info");
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains(ScalarGemm.class.getName()), "class loading was not logged");
        assertFalse(result.output.contains(VectorGemm.class.getName() + " "), result.output);
        assertFalse(result.output.contains(VectorGemm512.class.getName() + " "), result.output);
    }

    @Test
    void withTheVectorModuleTheVectorKernelsRun() throws Exception {
        Result result = runProbe("--add-modules", "jdk.incubator.vector");
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.strip().endsWith("vector ok"), result.output);
    }

    @Test
    void thePropertyForcesTheScalarKernels() throws Exception {
        Result result = runProbe("--add-modules", "jdk.incubator.vector", "-D" + Sgemm.KERNELS_PROPERTY + "=scalar");
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.strip().endsWith("scalar ok"), result.output);
    }

    @Test
    void thePropertyForcesEachVectorWidth() throws Exception {
        Result wide = runProbe(List.of("--add-modules", "jdk.incubator.vector",
                "-D" + Sgemm.KERNELS_PROPERTY + "=vector-512"), List.of("tile"));
        assertEquals(0, wide.exitCode, wide.output);
        assertTrue(wide.output.strip().endsWith("vector 8x32 ok"), wide.output);
        Result narrow = runProbe(List.of("--add-modules", "jdk.incubator.vector",
                "-D" + Sgemm.KERNELS_PROPERTY + "=vector-256"), List.of("tile"));
        assertEquals(0, narrow.exitCode, narrow.output);
        assertTrue(narrow.output.strip().matches("(?s).*vector [48]x16 ok"), narrow.output);
    }

    @Test
    void forcingVectorKernelsWithoutTheModuleFailsClearly() throws Exception {
        Result result = runProbe("-D" + Sgemm.KERNELS_PROPERTY + "=vector");
        assertTrue(result.exitCode != 0, result.output);
        assertTrue(result.output.contains("--add-modules jdk.incubator.vector"), result.output);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runProbe(String... jvmOptions) throws IOException, InterruptedException,
            URISyntaxException {
        return runProbe(List.of(jvmOptions), List.of());
    }

    private static Result runProbe(List<String> jvmOptions, List<String> probeArguments) throws IOException,
            InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(location(Sgemm.class) + java.io.File.pathSeparator + location(FallbackProbe.class));
        command.add(FallbackProbe.class.getName());
        command.addAll(probeArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8)
                .replace("WARNING: Using incubator modules: jdk.incubator.vector", "");
        return new Result(process.exitValue(), text);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
