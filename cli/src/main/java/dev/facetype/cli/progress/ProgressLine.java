package dev.facetype.cli.progress;

import dev.facetype.dataset.summary.DisplayWidth;
import java.io.PrintWriter;

/**
 * One line of progress on stderr. On a terminal it is redrawn in place (at most a few times a second); in a
 * log file or pipe only finished lines are written, so logs stay readable.
 */
public class ProgressLine {

    private static final long MIN_REDRAW_NANOS = 150_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastDraw;
    private boolean drawnSinceFinish;
    private int drawnWidth;

    private ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A progress line on {@code err}; {@code terminal} decides whether it is redrawn in place. */
    public static ProgressLine on(PrintWriter err, boolean terminal) {
        return new ProgressLine(err, terminal);
    }

    /** A progress line that shows nothing ({@code --quiet}). */
    public static ProgressLine silent() {
        return new ProgressLine(null, false) {
            @Override
            public void update(String text) {
            }

            @Override
            public void finish(String text) {
            }
        };
    }

    /**
     * True when stderr is probably a terminal. Java can only ask about the console as a whole, so the launcher
     * says for sure through {@code -Dfacetype.stderr.terminal}.
     */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty("facetype.stderr.terminal");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }

    /** Shows work in progress; on a terminal, replaces what the line showed before. */
    public void update(String text) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (drawnSinceFinish && now - lastDraw < MIN_REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawnSinceFinish = true;
        draw(text);
        // The cursor goes back to the line's start, so that any other output overwrites the bar cleanly.
        err.print('\r');
        err.flush();
    }

    /** Writes a finished line (on a terminal, over the progress shown so far). */
    public void finish(String text) {
        if (terminal) {
            draw(text);
            drawnWidth = 0;
        } else {
            err.print(text);
        }
        err.println();
        err.flush();
        drawnSinceFinish = false;
    }

    private void draw(String text) {
        // Columns, not chars: a Japanese character takes two, and all of them must be blanked.
        int width = DisplayWidth.of(text);
        err.print(text);
        for (int i = width; i < drawnWidth; i++) {
            err.print(' ');
        }
        drawnWidth = width;
    }

    /** A bar like {@code [=========>          ]} for a fraction 0..1. */
    public static String bar(double fraction, int width) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * width);
        StringBuilder out = new StringBuilder(width + 2).append('[');
        for (int i = 0; i < width; i++) {
            out.append(i < filled - 1 || (i == filled - 1 && filled == width) ? '=' : i == filled - 1 ? '>' : ' ');
        }
        return out.append(']').toString();
    }

    /** A duration as {@code m:ss} or {@code h:mm:ss}. */
    public static String clock(double seconds) {
        long total = Math.max(0, Math.round(seconds));
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long secs = total % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, secs) : String.format("%d:%02d", minutes, secs);
    }
}
