package dev.facetype.cli.i18n;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsoleEncoding#choose} on the system properties Java reports on Windows, Linux and macOS: a Japanese
 * Windows console gets its own MS932 (Shift_JIS) so that しょうゆ顔 shows as written, a console that cannot write
 * Japanese gets UTF-8, and {@code --console-encoding} and {@code -Dfacetype.console.encoding} win over both.
 */
class ConsoleEncodingTest {

    private static final Charset MS932 = Charset.forName("MS932");

    /** The properties of a Java 17 started on a Windows console whose code page is {@code codePage}. */
    static Properties windowsConsole(String codePage) {
        Properties properties = new Properties();
        properties.setProperty("os.name", "Windows 10");
        properties.setProperty("sun.stdout.encoding", codePage);
        properties.setProperty("sun.stderr.encoding", codePage);
        return properties;
    }

    @Test
    void aJapaneseWindowsConsoleGetsItsOwnShiftJis() {
        ConsoleEncoding.Choice choice = ConsoleEncoding.choose(null, windowsConsole("MS932"));
        assertEquals(MS932, choice.stdout());
        assertEquals(MS932, choice.stderr());
        assertEquals("console", choice.source());
        assertEquals("windows-31j", choice.stdout().name(), "MS932 is Java's windows-31j, Microsoft's Shift_JIS");
        Properties windows11 = windowsConsole("MS932");
        windows11.setProperty("os.name", "Windows 11");
        assertEquals(MS932, ConsoleEncoding.choose(null, windows11).stdout());
    }

    @Test
    void consoleCodePagesThatCannotWriteJapaneseAreReplacedByUtf8() {
        for (String codePage : new String[] {"cp437", "Cp1252", "windows-1252", "cp850"}) {
            ConsoleEncoding.Choice choice = ConsoleEncoding.choose(null, windowsConsole(codePage));
            assertEquals(StandardCharsets.UTF_8, choice.stdout(), codePage);
            assertEquals(StandardCharsets.UTF_8, choice.stderr(), codePage);
            assertEquals("default", choice.source(), codePage);
        }
    }

    @Test
    void chcp65001AndCodePagesJavaDoesNotKnowGiveUtf8() {
        assertEquals(StandardCharsets.UTF_8, ConsoleEncoding.choose(null, windowsConsole("UTF-8")).stdout());
        assertEquals(StandardCharsets.UTF_8, ConsoleEncoding.choose(null, windowsConsole("cp65001")).stdout());
        assertEquals(StandardCharsets.UTF_8, ConsoleEncoding.choose(null, windowsConsole("no-such-code-page")).stdout());
    }

    @Test
    void redirectedStreamsOnWindowsAndJava19PropertiesAreRead() {
        Properties redirected = new Properties();
        redirected.setProperty("os.name", "Windows 10");
        assertEquals(new ConsoleEncoding.Choice(StandardCharsets.UTF_8, StandardCharsets.UTF_8, "default"),
                ConsoleEncoding.choose(null, redirected), "stdout into a file or pipe: UTF-8");

        Properties java19 = new Properties();
        java19.setProperty("os.name", "Windows 10");
        java19.setProperty("stdout.encoding", "MS932");
        java19.setProperty("stderr.encoding", "MS932");
        assertEquals(new ConsoleEncoding.Choice(MS932, MS932, "console"), ConsoleEncoding.choose(null, java19));

        Properties onlyStdout = new Properties();
        onlyStdout.setProperty("os.name", "Windows 10");
        onlyStdout.setProperty("sun.stdout.encoding", "MS932");
        assertEquals(new ConsoleEncoding.Choice(MS932, MS932, "console"), ConsoleEncoding.choose(null, onlyStdout),
                "stderr follows stdout when only stdout is a console");
    }

    @Test
    void linuxAndMacOsAreUtf8WhateverJavaReports() {
        for (String os : new String[] {"Linux", "Mac OS X"}) {
            Properties properties = windowsConsole("MS932");
            properties.setProperty("os.name", os);
            assertEquals(new ConsoleEncoding.Choice(StandardCharsets.UTF_8, StandardCharsets.UTF_8, "default"),
                    ConsoleEncoding.choose(null, properties), os);
        }
    }

    @Test
    void theOptionWinsOverThePropertyWhichWinsOverTheConsole() {
        Properties properties = windowsConsole("MS932");
        properties.setProperty(ConsoleEncoding.PROPERTY, "UTF-8");
        assertEquals(new ConsoleEncoding.Choice(StandardCharsets.UTF_8, StandardCharsets.UTF_8, "property"),
                ConsoleEncoding.choose(null, properties));
        assertEquals(new ConsoleEncoding.Choice(MS932, MS932, "option"), ConsoleEncoding.choose("windows-31j", properties));
        assertEquals(new ConsoleEncoding.Choice(StandardCharsets.UTF_8, StandardCharsets.UTF_8, "option"),
                ConsoleEncoding.choose(" utf-8 ", windowsConsole("MS932")), "names are trimmed, case does not matter");

        Properties linux = new Properties();
        linux.setProperty("os.name", "Linux");
        linux.setProperty(ConsoleEncoding.PROPERTY, "Shift_JIS");
        assertEquals(Charset.forName("Shift_JIS"), ConsoleEncoding.choose(null, linux).stdout());
        linux.setProperty(ConsoleEncoding.PROPERTY, " ");
        assertEquals("default", ConsoleEncoding.choose(null, linux).source(), "a blank property is no choice");
    }

    @Test
    void anUnknownNameIsAClearErrorNamingWhereItCameFrom() {
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> ConsoleEncoding.choose("shift-jiz", windowsConsole("MS932")));
        assertEquals("--console-encoding: unknown encoding 'shift-jiz'; use for example UTF-8 or windows-31j",
                option.getMessage());
        Properties properties = windowsConsole("MS932");
        properties.setProperty(ConsoleEncoding.PROPERTY, "sjis?");
        IllegalArgumentException property = assertThrows(IllegalArgumentException.class,
                () -> ConsoleEncoding.choose(null, properties));
        assertEquals("-Dfacetype.console.encoding: unknown encoding 'sjis?'; use for example UTF-8 or windows-31j",
                property.getMessage());
    }

    @Test
    void decomposedNamesAreComposedForMs932AndLeftAsTheyAreInUtf8() throws Exception {
        String decomposed = "\u3053\u3099\u3068\u3046/\u306F\u309A\u3063\u3061\u308A\u9854"; // ごとう/ぱっちり顔 in NFD
        ByteArrayOutputStream ms932 = new ByteArrayOutputStream();
        try (Writer writer = ConsoleEncoding.writer(ms932, MS932)) {
            writer.write(decomposed.substring(0, 1));
            writer.write(decomposed.substring(1) + "\n"); // the mark in a later write than its letter
            writer.write("\u30C8\u3099"); // ド as ト and its mark
            writer.flush();
            assertEquals("ごとう/ぱっちり顔\n".length() + 1, new String(ms932.toByteArray(), MS932).length(),
                    "flushed without a line end");
        }
        assertArrayEquals("ごとう/ぱっちり顔\nド".getBytes(MS932), ms932.toByteArray());
        assertFalse(new String(ms932.toByteArray(), MS932).contains("?"));

        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        try (Writer writer = ConsoleEncoding.writer(utf8, StandardCharsets.UTF_8)) {
            writer.write(decomposed);
        }
        assertArrayEquals(decomposed.getBytes(StandardCharsets.UTF_8), utf8.toByteArray(), "UTF-8 writes names as they are");
    }

    @Test
    void theOptionIsFoundInTheRawArgumentsInBothForms() {
        assertEquals("MS932", ConsoleEncoding.optionIn(new String[] {"survey", "a.csv", "--console-encoding", "MS932"}));
        assertEquals("UTF-8", ConsoleEncoding.optionIn(new String[] {"--console-encoding=MS932", "survey",
                "--console-encoding=UTF-8"}), "the last one counts");
        assertNull(ConsoleEncoding.optionIn(new String[] {"predict", "m.fty", "--", "--console-encoding", "MS932"}),
                "after -- it is a file name");
        assertNull(ConsoleEncoding.optionIn(new String[] {"predict", "--console-encoding"}));
    }
}
