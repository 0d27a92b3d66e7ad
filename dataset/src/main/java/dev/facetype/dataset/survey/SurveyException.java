package dev.facetype.dataset.survey;

import dev.facetype.dataset.DatasetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A survey file cannot be read or used, or its representatives cannot be written as photo folders. The message
 * (English) names the file and the cause; {@link #problem()}, {@link #file()} and {@link #details()} carry the
 * same facts for a caller that words them in another language.
 */
public final class SurveyException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; the {@link #details()} each problem carries are listed with it. */
    public enum Problem {
        /** The survey file does not exist. */
        FILE_MISSING,
        /** The survey path is a folder. */
        NOT_A_FILE,
        /** The survey file cannot be read. Details: the cause. */
        UNREADABLE,
        /** The bytes are neither UTF-8 nor Shift_JIS. Details: the byte offset of the first invalid byte. */
        UNKNOWN_ENCODING,
        /** The bytes are not valid in the encoding the user named. Details: the encoding, the byte offset. */
        INVALID_IN_ENCODING,
        /** The file has no header row. */
        EMPTY,
        /** The file has a header but no respondent. */
        NO_RESPONSES,
        /** A quoted field is never closed. Details: the line it opens on. */
        UNCLOSED_QUOTE,
        /** A column named by the user is not in the header. Details: the name or number, the header. */
        UNKNOWN_COLUMN,
        /** A candidate column has answers but no name. Details: its 1-based number. */
        UNNAMED_COLUMN,
        /** Two candidate columns name the same person. Details: the person, both headers. */
        DUPLICATE_PERSON,
        /** A type given twice. Details: the type. */
        DUPLICATE_TYPE,
        /** No column is left to count. Details: the types, the answers seen (comma-separated; may be empty). */
        NO_CANDIDATES,
        /** A type or person name cannot be a folder name. Details: the name, why. */
        BAD_FOLDER_NAME,
        /** The photo folder does not exist or is not a folder. */
        NO_PHOTO_FOLDER,
        /** A chosen person has no folder in the photo folder. Details: the person, the folders there. */
        NO_PERSON_FOLDER,
        /** Two folders match a person once case and width are ignored. Details: the person, both folders. */
        AMBIGUOUS_PERSON_FOLDER,
        /** A chosen person's folder has no photo. Details: the person. */
        NO_PERSON_PHOTOS,
        /** The output folder is the photo folder or inside it. Details: the photo folder. */
        OUTPUT_INSIDE_PHOTOS,
        /** The output folder already has something in it, or is a file. */
        OUTPUT_NOT_EMPTY,
        /** This file system cannot make symbolic links. Details: the cause. */
        LINKS_UNSUPPORTED,
        /** Writing the output failed. Details: the cause. */
        CANNOT_WRITE
    }

    private final Problem problem;
    private final Path file;
    private final List<String> details;

    /**
     * @param message the English one-line message, naming the file and the cause
     * @param file    the file or folder the problem is about
     */
    public SurveyException(Problem problem, Path file, List<String> details, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.file = file;
        this.details = List.copyOf(details);
    }

    SurveyException(Problem problem, Path file, List<String> details, String message) {
        this(problem, file, details, message, null);
    }

    /** What went wrong. */
    public Problem problem() {
        return problem;
    }

    /** The file or folder the problem is about. */
    public Path file() {
        return file;
    }

    /** The facts of the problem, as listed with each {@link Problem}. */
    public List<String> details() {
        return details;
    }

    /** True when the output could not be written (rather than the input being wrong). */
    public boolean isOutputProblem() {
        return problem == Problem.LINKS_UNSUPPORTED || problem == Problem.CANNOT_WRITE;
    }
}
