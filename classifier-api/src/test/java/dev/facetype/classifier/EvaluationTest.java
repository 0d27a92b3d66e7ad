package dev.facetype.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final List<String> TYPES = List.of("しょうゆ顔", "ソース顔", "塩顔");

    /**
     * Truth and predictions chosen so that every figure can be checked by hand:
     * <pre>
     *            predicted: しょうゆ ソース 塩
     *   しょうゆ (4)            3      1    0
     *   ソース   (3)            0      1    2
     *   塩       (1)            0      0    1
     * </pre>
     */
    private static Evaluation example() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2};
        int[] predicted = {0, 0, 0, 1, 1, 2, 2, 2};
        return Evaluation.of(TYPES, actual, predicted);
    }

    @Test
    void figuresMatchHandArithmetic() {
        Evaluation e = example();
        assertEquals(8, e.total());
        assertArrayEquals(new int[] {3, 1, 0}, e.confusionMatrix()[0]);
        assertArrayEquals(new int[] {0, 1, 2}, e.confusionMatrix()[1]);
        assertEquals(5.0 / 8, e.accuracy(), 1e-12);
        assertEquals(1.0, e.precision(0), 1e-12);          // 3 / 3
        assertEquals(0.5, e.precision(1), 1e-12);          // 1 / 2
        assertEquals(1.0 / 3, e.precision(2), 1e-12);      // 1 / 3
        assertEquals(0.75, e.recall(0), 1e-12);            // 3 / 4
        assertEquals(1.0 / 3, e.recall(1), 1e-12);         // 1 / 3
        assertEquals(1.0, e.recall(2), 1e-12);             // 1 / 1
        assertEquals(2 * 0.75 / 1.75, e.f1(0), 1e-12);
        assertEquals(0.4, e.f1(1), 1e-12);                 // 2 * (1/2)(1/3) / (5/6)
        assertEquals(0.5, e.f1(2), 1e-12);                 // 2 * (1/3)(1) / (4/3)
        assertEquals((2 * 0.75 / 1.75 + 0.4 + 0.5) / 3, e.macroF1(), 1e-12);
        assertEquals((0.75 + 1.0 / 3 + 1.0) / 3, e.balancedAccuracy(), 1e-12);
    }

    @Test
    void mostConfusedPairsComeFirst() {
        List<Evaluation.ConfusedPair> pairs = example().mostConfused(5);
        assertEquals(2, pairs.size());
        assertEquals(new Evaluation.ConfusedPair("ソース顔", "塩顔", 2), pairs.get(0));
        assertEquals(new Evaluation.ConfusedPair("しょうゆ顔", "ソース顔", 1), pairs.get(1));
    }

    @Test
    void neverPredictedTypeHasZeroPrecisionNotNaN() {
        Evaluation e = Evaluation.of(List.of("a", "b"), new int[] {0, 1}, new int[] {0, 0});
        assertEquals(0.0, e.precision(1));
        assertEquals(0.0, e.f1(1));
        assertEquals(0.5, e.balancedAccuracy(), 1e-12); // recalls 1 and 0
    }

    @Test
    void tableAlignsJapaneseLabels() {
        String table = example().toTable();
        assertTrue(table.startsWith("accuracy 0.6250"), table);
        assertTrue(table.contains("ソース顔"), table);
        assertEquals(10, Evaluation.displayWidth("しょうゆ顔"));
    }
}
