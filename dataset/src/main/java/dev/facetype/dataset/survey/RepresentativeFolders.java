package dev.facetype.dataset.survey;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes the study's photo layout for the chosen representatives: {@code <out>/<type>/<person>/<photo>}, from a
 * photo folder of {@code <photos>/<person>/<photo>} (photos in sub-folders keep their place), as symbolic links
 * to the originals or as copies. Ready for {@code facetype train <out>}.
 *
 * <p>The originals are only read: nothing in the photo folder is moved, changed or deleted, and the output may
 * not be inside it. The output folder must be new or empty; it is built beside itself under a hidden name and
 * renamed into place at the end, so a failure leaves no half-written layout (the partial copy, facetype's own
 * files, is removed). Hidden files (a name starting with a dot) are left out, as training leaves them out.
 */
public final class RepresentativeFolders {

    /** How photos are put into the layout. */
    public enum Mode {
        /** Symbolic links to the originals: no space taken, the originals must stay where they are. */
        LINK,
        /** Copies of the originals. */
        COPY
    }

    /**
     * One person's folder as written.
     *
     * @param type   the type folder
     * @param person the person folder (named as in the photo folder)
     * @param source the person's folder in the photo folder
     * @param photos the files written
     */
    public record WrittenPerson(String type, String person, Path source, int photos) {
    }

    /**
     * What was written.
     *
     * @param folder the output folder
     * @param mode   links or copies
     * @param people every person written, by type in order
     */
    public record Written(Path folder, Mode mode, List<WrittenPerson> people) {

        public Written {
            people = List.copyOf(people);
        }

        /** The files written in all. */
        public int photos() {
            return people.stream().mapToInt(WrittenPerson::photos).sum();
        }
    }

    private RepresentativeFolders() {
    }

    /**
     * Writes {@code <out>/<type>/<person>/...} for every type and person of {@code chosen}.
     *
     * @param chosen each type's people, as the survey names them ({@link SurveyResult#chosenPeople()}); types with
     *               no one get no folder
     * @throws SurveyException when a name cannot be a folder name, the photo folder or a person's folder or
     *     photos are missing, the output is inside the photo folder or not empty, links are not supported
     *     here, or writing fails; nothing is written then
     */
    public static Written write(Map<String, List<String>> chosen, Path photos, Path out, Mode mode) {
        Objects.requireNonNull(mode, "mode");
        checkPhotoFolder(photos);
        Path target = out.toAbsolutePath().normalize();
        checkOutput(target, photos);
        Map<String, Map<String, Path>> sources = new LinkedHashMap<>();
        chosen.forEach((type, people) -> {
            checkFolderName(type, photos);
            Map<String, Path> folders = new LinkedHashMap<>();
            for (String person : people) {
                checkFolderName(person, photos);
                Path folder = personFolder(photos, person);
                folders.put(folder.getFileName().toString(), folder);
            }
            if (!folders.isEmpty()) {
                sources.put(type, folders);
            }
        });
        Path staging = createStaging(target);
        try {
            List<WrittenPerson> written = new ArrayList<>();
            for (Map.Entry<String, Map<String, Path>> type : sources.entrySet()) {
                for (Map.Entry<String, Path> person : type.getValue().entrySet()) {
                    Path into = staging.resolve(type.getKey()).resolve(person.getKey());
                    int files = mirror(person.getValue(), into, mode, target);
                    written.add(new WrittenPerson(type.getKey(), person.getKey(), person.getValue(), files));
                }
            }
            moveIntoPlace(staging, target);
            return new Written(target, mode, written);
        } catch (RuntimeException e) {
            deleteStaging(staging);
            throw e;
        }
    }

    /**
     * Checks, before anything else is done, that {@code photos} is a folder and {@code out} a new or empty
     * folder outside it, as {@link #write} requires.
     *
     * @throws SurveyException {@code NO_PHOTO_FOLDER}, {@code OUTPUT_INSIDE_PHOTOS} or {@code OUTPUT_NOT_EMPTY}
     */
    public static void checkPlaces(Path photos, Path out) {
        checkPhotoFolder(photos);
        checkOutput(out.toAbsolutePath().normalize(), photos);
    }

    private static void checkPhotoFolder(Path photos) {
        if (!Files.isDirectory(photos)) {
            throw new SurveyException(SurveyException.Problem.NO_PHOTO_FOLDER, photos, List.of(), photos
                    + (Files.exists(photos) ? " is a file: give the folder that holds one folder per person"
                    : ": no such photo folder"));
        }
    }

    private static void checkOutput(Path out, Path photos) {
        if (isInside(out, photos)) {
            throw new SurveyException(SurveyException.Problem.OUTPUT_INSIDE_PHOTOS, out, List.of(photos.toString()),
                    out + ": the layout would be written inside the photo folder " + photos
                    + ", which facetype never changes; write it somewhere else");
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(out)) {
            throw new SurveyException(SurveyException.Problem.OUTPUT_NOT_EMPTY, out, List.of(), out
                    + (Files.isDirectory(out) ? " is not empty" : " is a file")
                    + ": give a new or empty folder (facetype never overwrites or deletes)");
        }
    }

    /** True when {@code path} is {@code folder} or inside it, links resolved where they exist. */
    static boolean isInside(Path path, Path folder) {
        Path realFolder;
        try {
            realFolder = folder.toRealPath();
        } catch (IOException e) {
            realFolder = folder.toAbsolutePath().normalize();
        }
        Path existing = path.toAbsolutePath().normalize();
        Path rest = existing.getFileSystem().getPath("");
        while (existing.getParent() != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        try {
            return existing.toRealPath().resolve(rest).normalize().startsWith(realFolder);
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().startsWith(realFolder);
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Refuses a name that is not one plain folder name on every system (Windows is the strictest). */
    static void checkFolderName(String name, Path photos) {
        String why = null;
        if (name.isBlank()) {
            why = "it is blank";
        } else if (name.equals(".") || name.equals("..")) {
            why = "it names a folder above";
        } else if (name.chars().anyMatch(c -> c < 0x20 || "/\\:*?\"<>|".indexOf(c) >= 0)) {
            why = "it holds one of / \\ : * ? \" < > | or a control character";
        } else if (name.endsWith(".") || name.endsWith(" ")) {
            why = "it ends with a dot or a space";
        }
        if (why != null) {
            throw new SurveyException(SurveyException.Problem.BAD_FOLDER_NAME, photos, List.of(name, why),
                    "'" + name + "' cannot be a folder name (" + why + "); rename it in the survey");
        }
    }

    /**
     * The person's folder in the photo folder: the same name in Unicode NFC, else the only one equal when case
     * and character width are ignored.
     */
    private static Path personFolder(Path photos, String person) {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(photos, Files::isDirectory)) {
            children.forEach(folders::add);
        } catch (IOException e) {
            throw new SurveyException(SurveyException.Problem.NO_PHOTO_FOLDER, photos, List.of(),
                    photos + ": cannot be read (" + e.getMessage() + ")", e);
        }
        folders.sort(Comparator.comparing(p -> Normalizer.normalize(p.getFileName().toString(), Normalizer.Form.NFC)));
        String wanted = Normalizer.normalize(person, Normalizer.Form.NFC);
        for (Path folder : folders) {
            if (Normalizer.normalize(folder.getFileName().toString(), Normalizer.Form.NFC).equals(wanted)) {
                return requirePhotos(folder, person);
            }
        }
        List<Path> loose = folders.stream().filter(f -> Answers.key(f.getFileName().toString())
                .equals(Answers.key(person))).toList();
        if (loose.size() == 1) {
            return requirePhotos(loose.get(0), person);
        }
        if (loose.size() > 1) {
            throw new SurveyException(SurveyException.Problem.AMBIGUOUS_PERSON_FOLDER, photos,
                    List.of(person, loose.get(0).getFileName().toString(), loose.get(1).getFileName().toString()),
                    photos + ": both '" + loose.get(0).getFileName() + "' and '" + loose.get(1).getFileName()
                    + "' could be " + person + "; rename one");
        }
        String there = String.join(", ", folders.stream().map(f -> f.getFileName().toString()).toList());
        throw new SurveyException(SurveyException.Problem.NO_PERSON_FOLDER, photos, List.of(person, there),
                photos + ": no folder for " + person + " (folders there: " + (there.isEmpty() ? "none" : there)
                + "); name each person's folder as the survey's column does");
    }

    private static Path requirePhotos(Path folder, String person) {
        if (files(folder).isEmpty()) {
            throw new SurveyException(SurveyException.Problem.NO_PERSON_PHOTOS, folder, List.of(person),
                    folder + ": no photo of " + person);
        }
        return folder;
    }

    /** The person's files, hidden ones left out, in a stable order. */
    private static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(folder.relativize(p)))
                    .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SurveyException(SurveyException.Problem.NO_PERSON_PHOTOS, folder, List.of(folder.toString()),
                    folder + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Path createStaging(Path out) {
        try {
            Path parent = out.getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
        } catch (IOException e) {
            throw cannotWrite(out, e);
        }
    }

    /** Links or copies every file of {@code source} into {@code into}, keeping sub-folders; returns the count. */
    private static int mirror(Path source, Path into, Mode mode, Path out) {
        List<Path> files = files(source);
        for (Path file : files) {
            Path target = into.resolve(source.relativize(file).toString());
            try {
                Files.createDirectories(target.getParent());
                if (mode == Mode.LINK) {
                    link(target, file.toAbsolutePath().normalize(), out);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw cannotWrite(out, e);
            }
        }
        return files.size();
    }

    private static void link(Path link, Path original, Path out) throws IOException {
        try {
            Files.createSymbolicLink(link, original);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileSystemException fs && !(isPrivilegeProblem(fs))) {
                throw fs;
            }
            String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new SurveyException(SurveyException.Problem.LINKS_UNSUPPORTED, out, List.of(cause),
                    out + ": symbolic links cannot be made here (" + cause + "); copy the photos instead", e);
        }
    }

    /** Windows refuses links without Developer Mode or administrator rights, saying a privilege is missing. */
    private static boolean isPrivilegeProblem(FileSystemException e) {
        String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
        return reason.contains("privilege") || reason.contains("not permitted") || reason.contains("not supported");
    }

    private static void moveIntoPlace(Path staging, Path out) {
        try {
            if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(out); // Checked empty: nothing of the user's is lost, and the rename needs the name.
            }
            try {
                Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, out);
            }
        } catch (IOException e) {
            throw cannotWrite(out, e);
        }
    }

    /** Removes the staging folder: only links and copies facetype made (a link is removed, never followed). */
    private static void deleteStaging(Path staging) {
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Best effort: a hidden partial folder beside the output is all that can remain.
        }
    }

    private static SurveyException cannotWrite(Path out, IOException e) {
        String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new SurveyException(SurveyException.Problem.CANNOT_WRITE, out, List.of(cause),
                out + ": cannot write the layout (" + cause + ")", e);
    }
}
