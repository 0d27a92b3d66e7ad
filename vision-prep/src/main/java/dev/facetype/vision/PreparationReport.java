package dev.facetype.vision;

import dev.facetype.vision.quality.RejectReason;
import dev.facetype.vision.quality.Rejection;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What happened to every photo of a run, kept or rejected and why: a CSV with one line per photo and a
 * summary table with one line per outcome. Add photos in a fixed order for a reproducible file; the
 * methods are synchronized so workers may add concurrently.
 */
public final class PreparationReport {

    /** The CSV header. */
    public static final String CSV_HEADER = "photo,status,faces_kept,faces_found,reasons,details,width,height,photo_hash";

    private final List<PreparedPhoto> photos = new ArrayList<>();

    /** Records one photo's outcome. */
    public synchronized void add(PreparedPhoto photo) {
        photos.add(photo);
    }

    public synchronized int size() {
        return photos.size();
    }

    public synchronized long keptCount() {
        return photos.stream().filter(PreparedPhoto::kept).count();
    }

    /** How many photos were rejected for each reason (a photo with two reasons counts for both). */
    public synchronized Map<RejectReason, Long> rejectionCounts() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        for (PreparedPhoto photo : photos) {
            for (RejectReason reason : photo.rejectReasons()) {
                counts.merge(reason, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Writes the CSV (RFC 4180 quoting, {@code \n} line ends), header first. */
    public synchronized void writeCsv(Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        for (PreparedPhoto photo : photos) {
            List<String> cells = List.of(
                    photo.sourceName(),
                    photo.kept() ? "kept" : "rejected",
                    String.valueOf(photo.faces().size()),
                    String.valueOf(photo.detections().size()),
                    photo.rejectReasons().stream().map(Enum::name).collect(Collectors.joining(";")),
                    photo.rejections().stream().map(Rejection::detail).collect(Collectors.joining("; ")),
                    String.valueOf(photo.width()),
                    String.valueOf(photo.height()),
                    photo.photoHash().map(Object::toString).orElse(""));
            out.write(cells.stream().map(PreparationReport::quote).collect(Collectors.joining(",")));
            out.write('\n');
        }
    }

    /** A plain-text table: photos, kept, and the count and share of each rejection reason. */
    public synchronized String summary() {
        int total = photos.size();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-16s %7s %7s%n", "outcome", "photos", "share"));
        table.append(row("kept", keptCount(), total));
        rejectionCounts().forEach((reason, count) -> table.append(row(reason.name(), count, total)));
        table.append(row("total", total, total));
        return table.toString();
    }

    private static String row(String name, long count, int total) {
        return String.format(Locale.ROOT, "%-16s %7d %6.1f%%%n", name, count, total == 0 ? 0.0 : 100.0 * count / total);
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
