package dev.facetype.cli.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every entry below a folder, without following links: its kind, size, modification time, and for regular
 * files the SHA-256 of the bytes, for links their target. Two equal snapshots mean nothing was added,
 * removed, touched or changed. FIFOs and other special files are listed but never opened (that would block).
 */
final class FolderSnapshot {

    private FolderSnapshot() {
    }

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String kind;
                if (attributes.isSymbolicLink()) {
                    kind = "link -> " + Files.readSymbolicLink(path);
                } else if (attributes.isDirectory()) {
                    kind = "dir";
                } else if (attributes.isRegularFile()) {
                    kind = "file " + attributes.size() + " bytes sha256 " + sha256(path);
                } else {
                    kind = "special";
                }
                state.put(root.relativize(path).toString(), kind + " modified " + attributes.lastModifiedTime().toMillis());
            }
        }
        return state;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
