package dev.facetype.cli.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of this test class path in a separate JVM, so that a test can kill it with -9. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path log, String mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + File.separator
                + "bin" + File.separator + "java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
