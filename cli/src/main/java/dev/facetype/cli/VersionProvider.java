package dev.facetype.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, with the JDK it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = FaceTypeCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "facetype " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
