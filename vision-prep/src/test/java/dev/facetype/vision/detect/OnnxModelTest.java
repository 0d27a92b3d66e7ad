package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.graph.InferenceGraph;
import dev.facetype.cnn.parallel.ComputePool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bundled YuNet ONNX file as the reader sees it, and its translation into an engine graph. */
class OnnxModelTest {

    private static byte[] bundledModel() throws IOException {
        try (InputStream in = FaceDetectors.class.getResourceAsStream(FaceDetectors.YUNET_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheNodesWeightsAndNamesOfTheBundledModel() throws Exception {
        OnnxModel model = OnnxModel.read(bundledModel());
        Map<String, Integer> operators = new TreeMap<>();
        model.nodes().forEach(node -> operators.merge(node.opType(), 1, Integer::sum));
        assertEquals(Map.of("Add", 2, "Conv", 53, "MaxPool", 4, "Relu", 15, "Reshape", 12, "Resize", 2,
                "Sigmoid", 6, "Transpose", 12), operators);
        assertEquals(List.of("input"), model.inputs());
        assertEquals(List.of("cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32", "bbox_8", "bbox_16", "bbox_32",
                "kps_8", "kps_16", "kps_32"), model.outputs());

        OnnxModel.Node first = model.nodes().get(0);
        assertEquals("Conv", first.opType());
        assertArrayEquals(new long[] {2, 2}, first.integers("strides", null));
        assertArrayEquals(new long[] {1, 1, 1, 1}, first.integers("pads", null));
        OnnxModel.Initializer weights = model.initializers().get(first.inputs().get(1));
        assertArrayEquals(new long[] {16, 3, 3, 3}, weights.dims());
        assertEquals(16 * 3 * 3 * 3, weights.floats().length);

        OnnxModel.Node depthwise = model.nodes().get(3);
        assertEquals(16, depthwise.integer("group", 1));
        OnnxModel.Node resize = model.nodes().stream().filter(n -> n.opType().equals("Resize")).findFirst().orElseThrow();
        assertEquals("nearest", resize.text("mode", null));
        assertArrayEquals(new float[] {1, 1, 2, 2}, model.initializers().get(resize.inputs().get(2)).floats());
        OnnxModel.Node reshape = model.nodes().stream().filter(n -> n.opType().equals("Reshape")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {1, -1, 1}, model.initializers().get(reshape.inputs().get(1)).longs());
    }

    @Test
    void theTranslatedGraphHasYuNetsOutputShapesForAnyPaddedSize() throws Exception {
        OnnxGraphTranslator translator = new OnnxGraphTranslator(OnnxModel.read(bundledModel()));
        assertTrue(translator.parameterCount() > 50_000 && translator.parameterCount() < 60_000,
                "parameters: " + translator.parameterCount());
        try (ComputePool pool = ComputePool.create(1)) {
            InferenceGraph graph = translator.build(Shape.of(3, 64, 96), pool);
            Map<String, Tensor> outputs = graph.forward(Tensor.zeros(1, 3, 64, 96));
            int anchors8 = 8 * 12;
            assertEquals(Shape.of(1, anchors8, 1), outputs.get("cls_8").shape());
            assertEquals(Shape.of(1, anchors8, 4), outputs.get("bbox_8").shape());
            assertEquals(Shape.of(1, anchors8 / 4, 10), outputs.get("kps_16").shape());
            assertEquals(Shape.of(1, anchors8 / 16, 1), outputs.get("obj_32").shape());
            for (float score : outputs.get("cls_8").data()) {
                assertTrue(score > 0 && score < 1, "a sigmoid output");
            }
        }
    }

    @Test
    void notAModelIsAnIoException() {
        assertThrows(IOException.class, () -> OnnxModel.read("this is not an ONNX model".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> OnnxModel.read(new byte[0]));
    }
}
