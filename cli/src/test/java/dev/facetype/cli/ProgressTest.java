package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.TrainingEvents;
import dev.facetype.classifier.TrainingResult;
import dev.facetype.cli.progress.ProgressLine;
import dev.facetype.cli.progress.TrainingProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress bar: what a terminal and a log file get. */
class ProgressTest {

    private static TrainingEvents.BatchEnded batch(int batch) {
        return new TrainingEvents.BatchEnded(1, 4, batch, 10, 0.5, 0.4321, 0.875, 312.4, 20, 83, 1e-3);
    }

    @Test
    void onATerminalTheBarShowsLossAccuracySpeedAndTimeLeftAndIsRedrawnInPlace() {
        StringWriter text = new StringWriter();
        TrainingProgress progress = new TrainingProgress(ProgressLine.on(new PrintWriter(text), true));
        progress.onBatchEnd(batch(4));
        String shown = text.toString();
        assertEquals("epoch 2/4 [===========>            ]  50%  loss 0.4321  accuracy 0.875  312 images/s  ETA 1:23\r",
                shown);
    }

    @Test
    void inALogOnlyFinishedEpochLinesAppear() {
        StringWriter text = new StringWriter();
        TrainingProgress progress = new TrainingProgress(ProgressLine.on(new PrintWriter(text), false));
        progress.onBatchEnd(batch(4));
        assertEquals("", text.toString(), "no carriage-return redraws in a log");
        progress.onEpochEnd(new TrainingEvents.EpochEnded(1, 4, 0.4321, 0.875, Optional.of(0.51), Optional.empty(),
                7.24, 312.4), null);
        progress.onTrainingEnd(new TrainingResult(List.of(), Optional.empty(), Optional.of("validation loss rose"), 75, 300));
        List<String> lines = text.toString().lines().toList();
        assertEquals("epoch 2/4  loss 0.4321  accuracy 0.875  validation loss 0.5100  7.2 s  312 images/s", lines.get(0));
        assertEquals("stopped early: validation loss rose", lines.get(1));
        assertEquals("trained in 1:15 (300 images/s)", lines.get(2));
        assertFalse(text.toString().contains("\r"));
    }

    @Test
    void aShorterLineBlanksWhatALongerOneLeft() {
        StringWriter text = new StringWriter();
        ProgressLine line = ProgressLine.on(new PrintWriter(text), true);
        line.update("a long progress line");
        line.finish("done");
        assertTrue(text.toString().endsWith("\rdone" + " ".repeat(16) + System.lineSeparator()), text.toString());
    }

    @Test
    void quietShowsNothing() {
        StringWriter text = new StringWriter();
        ProgressLine line = ProgressLine.silent();
        line.update("x");
        line.finish("y");
        assertEquals("", text.toString());
    }

    @Test
    void barsAndClocks() {
        assertEquals("[          ]", ProgressLine.bar(0, 10));
        assertEquals("[====>     ]", ProgressLine.bar(0.5, 10));
        assertEquals("[==========]", ProgressLine.bar(1, 10));
        assertEquals("0:07", ProgressLine.clock(7.2));
        assertEquals("2:05", ProgressLine.clock(125));
        assertEquals("1:00:01", ProgressLine.clock(3601));
    }
}
