package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.Evaluation;
import dev.facetype.classifier.TrainingEvents;
import dev.facetype.cli.pictures.ConfusionPicture;
import dev.facetype.cli.pictures.ContactSheet;
import dev.facetype.cli.pictures.FontChoice;
import dev.facetype.cli.pictures.Fonts;
import dev.facetype.cli.pictures.PngFiles;
import dev.facetype.cli.pictures.TrainingCurves;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pictures: drawn at a readable size, with the type names in a font that has their glyphs. */
class PicturesTest {

    private static final List<String> STUDY_TYPES = List.of("しょうゆ顔", "ソース顔", "砂糖顔", "塩顔");

    @Test
    void japaneseTypeNamesGetAFontWithTheirGlyphsWheneverTheMachineHasOne() {
        FontChoice choice = Fonts.forTexts(STUDY_TYPES);
        boolean anyInstalledFontCovers = Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames()).anyMatch(family -> STUDY_TYPES.stream()
                .allMatch(t -> new java.awt.Font(family, java.awt.Font.PLAIN, 12).canDisplayUpTo(t) == -1));
        assertEquals(anyInstalledFontCovers, choice.coversAll());
        if (choice.coversAll()) {
            STUDY_TYPES.forEach(t -> assertEquals(-1, choice.font().canDisplayUpTo(t), t));
            assertEquals("しょうゆ顔", choice.label(STUDY_TYPES, 0));
            assertEquals("", choice.missingGlyphsNote(STUDY_TYPES));
        } else {
            assertEquals("type 1", choice.label(STUDY_TYPES, 0));
            assertTrue(choice.missingGlyphsNote(STUDY_TYPES).contains("type 4 = 塩顔"));
        }
    }

    @Test
    void namesNoFontCanDrawBecomeTypeNumbersWithANote() {
        List<String> labels = List.of("smiling", "\u0378unassigned");
        FontChoice choice = Fonts.forTexts(labels);
        assertFalse(choice.coversAll());
        assertEquals("smiling", choice.label(labels, 0));
        assertEquals("type 2", choice.label(labels, 1));
        assertTrue(choice.missingGlyphsNote(labels).contains("FACETYPE_FONT"), choice.missingGlyphsNote(labels));
    }

    @Test
    void trainingCurvesPlotEveryEpochOfLossAndAccuracy(@TempDir Path dir) throws Exception {
        List<TrainingEvents.EpochEnded> history = new ArrayList<>();
        for (int epoch = 0; epoch < 6; epoch++) {
            history.add(new TrainingEvents.EpochEnded(epoch, 6, 1.0 / (epoch + 1), 0.5 + 0.08 * epoch,
                    Optional.of(1.1 / (epoch + 1)), Optional.empty(), 10, 200));
        }
        BufferedImage image = TrainingCurves.draw(history, OptionalDouble.of(0.9), "curves", Fonts.forTexts(List.of("curves")));
        Path file = dir.resolve("curves.png");
        PngFiles.write(image, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(1100, read.getWidth());
        assertTrue(countColour(read, new Color(0x21, 0x66, 0xAC)) > 300, "the training lines are drawn in blue");
        assertTrue(countColour(read, new Color(0xD9, 0x5F, 0x02)) > 150, "the validation lines in orange");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void theConfusionMatrixShadesCorrectAnswersBlueAndMistakesRed() {
        Evaluation evaluation = Evaluation.ofConfusion(STUDY_TYPES, new int[][] {
            {9, 1, 0, 0}, {2, 8, 0, 0}, {0, 0, 10, 0}, {0, 3, 0, 7}});
        BufferedImage image = ConfusionPicture.draw(evaluation, "confusion", Fonts.forTexts(STUDY_TYPES));
        assertTrue(image.getWidth() >= 4 * 96 && image.getHeight() >= 4 * 96);
        assertTrue(countColour(image, new Color(0x21, 0x66, 0xAC)) > 96 * 80, "the full diagonal cell is solid blue");
        assertTrue(countReddish(image) > 96 * 40, "mistakes are shaded red");
    }

    @Test
    void theContactSheetFramesRightAnswersGreenAndWrongOnesRed() {
        BufferedImage crop = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        List<ContactSheet.Face> faces = List.of(new ContactSheet.Face(crop, 0, 0, 0.9),
                new ContactSheet.Face(crop, 1, 0, 0.6), new ContactSheet.Face(crop, 1, 1, 0.8));
        BufferedImage image = ContactSheet.draw(faces, List.of("neutral", "smiling"), "faces",
                Fonts.forTexts(List.of("neutral", "smiling")));
        assertTrue(countColour(image, new Color(0x1B, 0x9E, 0x48)) > 2 * 4 * 90, "two green frames");
        assertTrue(countColour(image, new Color(0xD7, 0x30, 0x27)) > 4 * 90, "one red frame");
    }

    private static int countColour(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int countReddish(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 200 && c.getGreen() < 200 && c.getBlue() < 200 && c.getRed() - c.getBlue() > 40) {
                    count++;
                }
            }
        }
        return count;
    }
}
