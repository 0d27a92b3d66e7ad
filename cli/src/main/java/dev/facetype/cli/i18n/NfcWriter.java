package dev.facetype.cli.i18n;

import java.io.IOException;
import java.io.Writer;
import java.text.Normalizer;

/**
 * Passes text on in Unicode NFC, for a console charset without combining marks (MS932): a folder name macOS
 * wrote decomposed ({@code ご} as {@code こ} and U+3099) then shows as the same characters instead of {@code こ?とう}.
 * Text is held back to the end of a line ({@code \n} or {@code \r}) or a flush, so that a character and its marks
 * are normalised together.
 */
final class NfcWriter extends Writer {

    private final Writer out;
    private final StringBuilder pending = new StringBuilder();

    NfcWriter(Writer out) {
        super(out);
        this.out = out;
    }

    @Override
    public void write(char[] text, int offset, int length) throws IOException {
        synchronized (lock) {
            pending.append(text, offset, length);
            int end = Math.max(pending.lastIndexOf("\n"), pending.lastIndexOf("\r"));
            if (end >= 0) {
                pass(end + 1);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            pass(pending.length());
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            flush();
            out.close();
        }
    }

    private void pass(int length) throws IOException {
        if (length > 0) {
            String text = pending.substring(0, length);
            pending.delete(0, length);
            out.write(Normalizer.normalize(text, Normalizer.Form.NFC));
        }
    }
}
