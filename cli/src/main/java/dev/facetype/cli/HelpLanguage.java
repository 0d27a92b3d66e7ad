package dev.facetype.cli;

import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Puts the {@code --help} texts of a command tree into one language. English is what the annotations say;
 * Japanese comes from {@code help_ja.properties} (UTF-8, picocli's keys: {@code usage.*}, and
 * {@code facetype.<command>.<option>} for options), falling back to the annotation for any key it lacks, so an
 * option added without a translation is still described. The exit-code footer is set here too.
 */
final class HelpLanguage {

    private static final String JAPANESE_HELP = "/dev/facetype/cli/i18n/help_ja.properties";

    private static ResourceBundle japanese;

    private HelpLanguage() {
    }

    /** Switches every command of {@code root}'s tree to {@code language}; may be called again to switch back. */
    static void apply(CommandLine root, Language language) {
        root.setResourceBundle(language == Language.JAPANESE ? japaneseHelp() : null);
        String[] footer = exitCodeFooter(Messages.of(language));
        applyFooter(root, footer);
        for (CommandLine sub : root.getSubcommands().values()) {
            applyFooter(sub, footer);
        }
    }

    /** The footer every command shows: a blank line, the heading, one line per exit code. */
    static String[] exitCodeFooter(Messages messages) {
        ExitCode[] codes = ExitCode.values();
        String[] footer = new String[codes.length + 2];
        footer[0] = "";
        footer[1] = messages.get("help.exitCodes");
        for (int i = 0; i < codes.length; i++) {
            footer[i + 2] = "  " + codes[i].code() + "   " + meaning(codes[i], messages);
        }
        return footer;
    }

    /** What an exit code means, in the messages' language ({@link ExitCode#meaning()} in English). */
    static String meaning(ExitCode code, Messages messages) {
        return messages.language() == Language.ENGLISH ? code.meaning() : messages.get("exit." + code.code());
    }

    /** Sets the footer unless the command has a footer of its own (one that is not an exit-code footer). */
    private static void applyFooter(CommandLine command, String[] footer) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        String[] current = usage.footer();
        if (current.length == 0 || isExitCodeFooter(current)) {
            usage.footer(footer);
        }
    }

    private static boolean isExitCodeFooter(String[] footer) {
        for (Language language : Language.values()) {
            if (Arrays.equals(footer, exitCodeFooter(Messages.of(language)))) {
                return true;
            }
        }
        return false;
    }

    private static synchronized ResourceBundle japaneseHelp() {
        if (japanese == null) {
            try (InputStream in = HelpLanguage.class.getResourceAsStream(JAPANESE_HELP)) {
                if (in == null) {
                    throw new IllegalStateException("the help file " + JAPANESE_HELP + " is missing from the jar");
                }
                japanese = new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the help file " + JAPANESE_HELP, e);
            }
        }
        return japanese;
    }
}
