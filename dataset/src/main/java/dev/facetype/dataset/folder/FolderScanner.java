package dev.facetype.dataset.folder;

import dev.facetype.dataset.DatasetException;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lists a dataset folder: {@code root/<type>/<person>/<photo>} or {@code root/<type>/<photo>}. The folder names
 * are the labels and persons, in any script; they are compared in Unicode NFC so that the NFD names macOS
 * writes match typed ones. Labels are sorted unless an order is given. Files are recognised by their content.
 * Hidden entries, non-images, unreadable files and symbolic-link loops are reported, never fatal; a missing
 * root, an empty type folder or two clashing names are {@link DatasetException}s naming the folders.
 * Below a person folder, photos in sub-folders belong to that person. Only reads; follows symbolic links.
 */
public final class FolderScanner {

    private final List<String> labelOrder;

    /** A scanner that sorts the labels. */
    public FolderScanner() {
        this(List.of());
    }

    /**
     * A scanner with the labels in the given order (each must name a type folder, and every type folder must
     * be listed); an empty list sorts them.
     */
    public FolderScanner(List<String> labelOrder) {
        this.labelOrder = Objects.requireNonNull(labelOrder, "labelOrder").stream().map(FolderScanner::nfc).toList();
        if (new HashSet<>(this.labelOrder).size() != this.labelOrder.size()) {
            throw new IllegalArgumentException("the label order names a label twice: " + labelOrder);
        }
    }

    /** The NFC form of a folder name, which is how labels and persons are compared. */
    public static String nfc(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /**
     * Lists {@code root}.
     *
     * @throws DatasetException when the root is missing or no folder, has no type folders, a type folder is
     *     empty or unreadable, two names clash, the layout is mixed or the label order does not fit
     */
    public FolderScan scan(Path root) {
        if (!Files.exists(root)) {
            throw new DatasetException("The photo folder " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + " is a file, not a folder: give the folder that holds one folder per type");
        }
        List<ManifestEntry> skipped = new ArrayList<>();
        Map<String, Path> typeFolders = new LinkedHashMap<>();
        Path realRoot = realPath(root);
        for (Path child : list(root, "The photo folder")) {
            String name = child.getFileName().toString();
            if (isHidden(child)) {
                skipped.add(skip(name + (Files.isDirectory(child) ? "/" : ""), -1, "", null, FileReason.HIDDEN, ""));
            } else if (Files.isDirectory(child) && realRoot.startsWith(realPath(child))) {
                skipped.add(skip(name + "/", -1, "", null, FileReason.SYMLINK_LOOP,
                        "symbolic link to " + realPath(child) + ", a folder it is inside of"));
            } else if (Files.isDirectory(child)) {
                Path clash = typeFolders.putIfAbsent(nfc(name), child);
                if (clash != null) {
                    throw new DatasetException("Two type folders have the same name in Unicode NFC: '" + clash.getFileName()
                            + "' and '" + name + "' in " + root + "; rename or merge one of them");
                }
            } else {
                skipped.add(skipUnreadableOr(child, name, -1, "", null, FileReason.NOT_IN_TYPE_FOLDER,
                        "photos belong in a type folder: " + root + "/<type>/..."));
            }
        }
        if (typeFolders.isEmpty()) {
            throw new DatasetException("No type folders in " + root + ": expected " + root
                    + "/<type>/<person>/<photo> or " + root + "/<type>/<photo>, one folder per type");
        }
        List<String> labels = orderLabels(typeFolders.keySet(), root);

        Map<String, List<Path>> personFolders = new LinkedHashMap<>();
        Map<String, List<Path>> looseFiles = new LinkedHashMap<>();
        for (String label : labels) {
            Path folder = typeFolders.get(label);
            List<Path> dirs = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (Path child : list(folder, "Type folder '" + label + "'")) {
                if (isHidden(child)) {
                    skipped.add(skip(relative(root, child) + (Files.isDirectory(child) ? "/" : ""),
                            labels.indexOf(label), label, null, FileReason.HIDDEN, ""));
                } else if (Files.isDirectory(child)) {
                    dirs.add(child);
                } else {
                    files.add(child);
                }
            }
            personFolders.put(label, dirs);
            looseFiles.put(label, files);
        }
        boolean hasPersons = personFolders.values().stream().anyMatch(dirs -> !dirs.isEmpty());
        if (hasPersons) {
            for (String label : labels) {
                if (personFolders.get(label).isEmpty() && !looseFiles.get(label).isEmpty()) {
                    String withPersons = labels.stream().filter(l -> !personFolders.get(l).isEmpty()).findFirst().orElseThrow();
                    throw new DatasetException("Mixed layout in " + root + ": type folder '" + withPersons
                            + "' has person folders but '" + label + "' holds its photos directly; use <type>/<person>/<photo>"
                            + " for every type, or <type>/<photo> for every type");
                }
            }
        }

        List<PhotoFile> photos = new ArrayList<>();
        for (int index = 0; index < labels.size(); index++) {
            String label = labels.get(index);
            Path folder = typeFolders.get(label);
            int before = photos.size();
            int skippedBefore = skipped.size();
            if (hasPersons) {
                for (Path file : looseFiles.get(label)) {
                    skipped.add(skipUnreadableOr(file, relative(root, file), index, label, null,
                            FileReason.NOT_IN_PERSON_FOLDER, "this type's photos are in person folders: "
                                    + label + "/<person>/..."));
                }
                Map<String, Path> persons = new LinkedHashMap<>();
                for (Path dir : personFolders.get(label)) {
                    String person = nfc(dir.getFileName().toString());
                    Path clash = persons.putIfAbsent(person, dir);
                    if (clash != null) {
                        throw new DatasetException("Two person folders in '" + label + "' have the same name in Unicode NFC: '"
                                + clash.getFileName() + "' and '" + dir.getFileName() + "'; rename or merge one of them");
                    }
                    Set<Path> ancestors = new HashSet<>();
                    ancestors.add(realRoot);
                    ancestors.add(realPath(folder));
                    walkPersonFolder(root, dir, index, label, person, ancestors, photos, skipped, true);
                }
            } else {
                for (Path file : looseFiles.get(label)) {
                    classify(root, file, index, label, null, photos, skipped);
                }
            }
            if (photos.size() == before) {
                throw emptyType(label, folder, skipped.subList(skippedBefore, skipped.size()));
            }
        }
        photos.sort(Comparator.comparing(p -> nfc(p.relativePath())));
        skipped.sort(Comparator.comparing(e -> nfc(e.path())));
        return new FolderScan(root, labels, hasPersons, photos, skipped);
    }

    private List<String> orderLabels(Set<String> found, Path root) {
        if (labelOrder.isEmpty()) {
            return found.stream().sorted().toList();
        }
        for (String label : labelOrder) {
            if (!found.contains(label)) {
                throw new DatasetException("The label order names '" + label + "' but " + root + " has no such type folder"
                        + " (it has " + String.join(", ", found.stream().sorted().toList()) + ")");
            }
        }
        for (String label : found) {
            if (!labelOrder.contains(label)) {
                throw new DatasetException("Type folder '" + label + "' in " + root + " is missing from the label order "
                        + labelOrder + "; list every type or none");
            }
        }
        return labelOrder;
    }

    /** Every file below a person folder belongs to that person; loops back into an ancestor are reported. */
    private void walkPersonFolder(Path root, Path dir, int index, String label, String person, Set<Path> ancestors,
                                  List<PhotoFile> photos, List<ManifestEntry> skipped, boolean isPersonFolder) {
        String path = relative(root, dir) + "/";
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            skipped.add(skip(path, index, label, person, FileReason.UNREADABLE, "folder cannot be opened: " + describe(e)));
            return;
        }
        if (ancestors.stream().anyMatch(ancestor -> ancestor.startsWith(real))) {
            skipped.add(skip(path, index, label, person, FileReason.SYMLINK_LOOP,
                    "symbolic link to " + real + ", a folder it is inside of"));
            return;
        }
        List<Path> children;
        try {
            children = listOrThrow(dir);
        } catch (IOException e) {
            skipped.add(skip(path, index, label, person, FileReason.UNREADABLE, "folder cannot be listed: " + describe(e)));
            return;
        }
        if (isPersonFolder && children.stream().allMatch(FolderScanner::isHidden)) {
            skipped.add(skip(path, index, label, person, FileReason.EMPTY_FOLDER, children.isEmpty()
                    ? "person folder holds no files" : "person folder holds only hidden files"));
        }
        ancestors.add(real);
        for (Path child : children) {
            if (isHidden(child)) {
                skipped.add(skip(relative(root, child) + (Files.isDirectory(child) ? "/" : ""), index, label, person,
                        FileReason.HIDDEN, ""));
            } else if (Files.isDirectory(child)) {
                walkPersonFolder(root, child, index, label, person, ancestors, photos, skipped, false);
            } else {
                classify(root, child, index, label, person, photos, skipped);
            }
        }
        ancestors.remove(real);
    }

    /** Reads the first bytes of a file and files it under photos or skipped. */
    private static void classify(Path root, Path file, int index, String label, String person, List<PhotoFile> photos,
                                 List<ManifestEntry> skipped) {
        String path = relative(root, file);
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            skipped.add(skip(path, index, label, person, FileReason.UNREADABLE, "broken symbolic link to " + linkTarget(file)));
            return;
        }
        if (!Files.isRegularFile(file)) {
            skipped.add(skip(path, index, label, person, FileReason.UNREADABLE,
                    "not a regular file (a device, pipe or socket)"));
            return;
        }
        long size;
        byte[] head;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(ImageSignature.HEAD_BYTES);
            }
        } catch (IOException e) {
            skipped.add(skip(path, index, label, person, FileReason.UNREADABLE, "cannot be read: " + describe(e)));
            return;
        }
        if (size == 0 || head.length == 0) {
            skipped.add(new ManifestEntry(path, index, label, person, "", 0, FileReason.EMPTY_FILE, 0, "the file holds no bytes"));
            return;
        }
        ImageSignature signature = ImageSignature.of(head);
        switch (signature.kind()) {
            case IMAGE -> photos.add(new PhotoFile(file, path, index, label, person, size, signature.format()));
            case UNSUPPORTED_IMAGE -> skipped.add(new ManifestEntry(path, index, label, person, "", size,
                    FileReason.UNSUPPORTED_FORMAT, 0, "a " + signature.format()
                    + " image, which cannot be decoded; convert it to JPEG or PNG"));
            case NOT_AN_IMAGE -> skipped.add(new ManifestEntry(path, index, label, person, "", size,
                    FileReason.NOT_AN_IMAGE, 0, "not an image (JPEG, PNG, GIF, BMP, TIFF, PGM/PPM): it starts with bytes "
                    + signature.format()));
        }
    }

    private static ManifestEntry skipUnreadableOr(Path file, String path, int index, String label, String person,
                                                  FileReason reason, String detail) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            return skip(path, index, label, person, FileReason.UNREADABLE, "broken symbolic link to " + linkTarget(file));
        }
        return skip(path, index, label, person, reason, detail);
    }

    private static DatasetException emptyType(String label, Path folder, List<ManifestEntry> skippedHere) {
        if (skippedHere.isEmpty()) {
            return new DatasetException("Type folder '" + label + "' (" + folder + ") is empty: put its photos in it, "
                    + "or remove the folder");
        }
        StringBuilder reasons = new StringBuilder();
        for (ManifestEntry entry : skippedHere.subList(0, Math.min(5, skippedHere.size()))) {
            reasons.append("\n  ").append(entry.path()).append(": ").append(entry.reason().phrase())
                    .append(entry.detail().isEmpty() ? "" : " (" + entry.detail() + ")");
        }
        if (skippedHere.size() > 5) {
            reasons.append("\n  ... and ").append(skippedHere.size() - 5).append(" more");
        }
        return new DatasetException("Type folder '" + label + "' (" + folder + ") holds no image file; skipped:" + reasons);
    }

    private static ManifestEntry skip(String path, int index, String label, String person, FileReason reason, String detail) {
        return new ManifestEntry(path, index, label, person, "", -1, reason, 0, detail);
    }

    /** The children of a folder sorted by NFC name; a folder that cannot be listed stops the scan. */
    private static List<Path> list(Path dir, String what) {
        try {
            return listOrThrow(dir);
        } catch (IOException e) {
            throw new DatasetException(what + " (" + dir + ") cannot be listed: " + describe(e), e);
        }
    }

    private static List<Path> listOrThrow(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.comparing(p -> nfc(p.getFileName().toString())));
        return children;
    }

    private static boolean isHidden(Path path) {
        if (path.getFileName().toString().startsWith(".")) {
            return true;
        }
        try {
            return Files.isHidden(path);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static String relative(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path part : rel) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "(unknown target)";
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "symbolic link loop";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
