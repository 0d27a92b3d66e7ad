package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaceBoxTest {

    @Test
    void intersectionOverUnion() {
        FaceBox a = new FaceBox(0, 0, 10, 10);
        assertEquals(1.0, a.iou(a));
        assertEquals(0.0, a.iou(new FaceBox(10, 0, 10, 10)), "touching boxes share no area");
        // Overlap 5x10 = 50, union 150.
        assertEquals(50.0 / 150.0, a.iou(new FaceBox(5, 0, 10, 10)), 1e-12);
        // A box inside another: 4 / 100.
        assertEquals(0.04, a.iou(new FaceBox(3, 3, 2, 2)), 1e-12);
    }

    @Test
    void geometry() {
        FaceBox box = new FaceBox(10, 20, 30, 40);
        assertEquals(40, box.right());
        assertEquals(60, box.bottom());
        assertEquals(25, box.centerX());
        assertEquals(40, box.centerY());
        assertEquals(30, box.shortSide());
        assertEquals(new FaceBox(20, 40, 60, 80), box.scaled(2));
    }

    @Test
    void rejectsNegativeOrNonFiniteSizes() {
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(Double.NaN, 0, 1, 5));
    }

    @Test
    void eyeLineAngle() {
        ImagePoint p = new ImagePoint(0, 0);
        FaceLandmarks level = new FaceLandmarks(new ImagePoint(10, 50), new ImagePoint(30, 50), p, p, p);
        assertEquals(0.0, level.eyeLineAngle(), 1e-12);
        FaceLandmarks tilted = new FaceLandmarks(new ImagePoint(10, 50), new ImagePoint(30, 70), p, p, p);
        assertEquals(Math.PI / 4, tilted.eyeLineAngle(), 1e-12);
        assertEquals(new ImagePoint(20, 60), tilted.eyeCenter());
    }
}
