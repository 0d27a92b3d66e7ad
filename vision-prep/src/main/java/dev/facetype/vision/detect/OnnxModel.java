package dev.facetype.vision.detect;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model file that an inference graph needs: the nodes in order, the weights
 * (initializers), the input and output names. Read with protobuf-java's {@link CodedInputStream} field by
 * field, following the field numbers of ONNX's {@code onnx.proto} (ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto); fields not listed here are skipped.
 */
record OnnxModel(List<Node> nodes, Map<String, Initializer> initializers, List<String> inputs, List<String> outputs) {

    /** One operator: {@code opType} ("Conv", "Relu", ...), the names of the values it reads and writes. */
    record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Attribute> attributes) {

        /** An integer attribute, or {@code fallback} when absent. */
        long integer(String attribute, long fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.integer();
        }

        /** An integer-list attribute, or {@code fallback} when absent. */
        long[] integers(String attribute, long[] fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.integers();
        }

        /** A string attribute, or {@code fallback} when absent. */
        String text(String attribute, String fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.text();
        }
    }

    /** An attribute value; only the field matching its type is set. */
    record Attribute(String name, long integer, float real, String text, long[] integers, float[] reals) {
    }

    /** A constant tensor: float values (FLOAT) or integer values (INT64, INT32), with its dimensions. */
    record Initializer(String name, long[] dims, float[] floats, long[] longs) {
    }

    // Field numbers from onnx.proto.
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_F = 2;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_S = 4;
    private static final int ATTRIBUTE_FLOATS = 7;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int VALUE_INFO_NAME = 1;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT32 = 6;
    private static final int TYPE_INT64 = 7;

    /**
     * Parses an ONNX model file.
     *
     * @throws IOException when the bytes are not a protobuf message, or the graph is missing, or a weight is of a
     *     type other than float32/int64/int32 or stored outside the file
     */
    static OnnxModel read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        ByteString graph = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                graph = in.readBytes();
            } else {
                in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("not an ONNX model: no graph");
        }
        return readGraph(graph.newCodedInput());
    }

    private static OnnxModel readGraph(CodedInputStream in) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> nodes.add(readNode(in.readBytes().newCodedInput()));
                case GRAPH_INITIALIZER -> {
                    Initializer initializer = readTensor(in.readBytes().newCodedInput());
                    initializers.put(initializer.name(), initializer);
                }
                case GRAPH_INPUT -> inputs.add(readValueInfoName(in.readBytes().newCodedInput()));
                case GRAPH_OUTPUT -> outputs.add(readValueInfoName(in.readBytes().newCodedInput()));
                default -> in.skipField(tag);
            }
        }
        // Older exporters list the initializers among the inputs too.
        inputs.removeIf(initializers::containsKey);
        return new OnnxModel(Collections.unmodifiableList(nodes), Collections.unmodifiableMap(initializers),
                List.copyOf(inputs), List.copyOf(outputs));
    }

    private static Node readNode(CodedInputStream in) throws IOException {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readString());
                case NODE_OUTPUT -> outputs.add(in.readString());
                case NODE_NAME -> name = in.readString();
                case NODE_OP_TYPE -> opType = in.readString();
                case NODE_ATTRIBUTE -> {
                    Attribute attribute = readAttribute(in.readBytes().newCodedInput());
                    attributes.put(attribute.name(), attribute);
                }
                default -> in.skipField(tag);
            }
        }
        return new Node(name, opType, List.copyOf(inputs), List.copyOf(outputs), Collections.unmodifiableMap(attributes));
    }

    private static Attribute readAttribute(CodedInputStream in) throws IOException {
        String name = "";
        long integer = 0;
        float real = 0;
        String text = null;
        LongList integers = new LongList();
        FloatList reals = new FloatList();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int wireType = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ATTRIBUTE_NAME -> name = in.readString();
                case ATTRIBUTE_F -> real = in.readFloat();
                case ATTRIBUTE_I -> integer = in.readInt64();
                case ATTRIBUTE_S -> text = in.readBytes().toStringUtf8();
                case ATTRIBUTE_INTS -> readInt64s(in, wireType, integers);
                case ATTRIBUTE_FLOATS -> readFloats(in, wireType, reals);
                default -> in.skipField(tag);
            }
        }
        return new Attribute(name, integer, real, text, integers.toArray(), reals.toArray());
    }

    private static Initializer readTensor(CodedInputStream in) throws IOException {
        String name = "";
        int dataType = 0;
        LongList dims = new LongList();
        ByteString raw = null;
        FloatList floatData = new FloatList();
        LongList integerData = new LongList();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int wireType = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DIMS -> readInt64s(in, wireType, dims);
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_NAME -> name = in.readString();
                case TENSOR_RAW_DATA -> raw = in.readBytes();
                case TENSOR_FLOAT_DATA -> readFloats(in, wireType, floatData);
                case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> readInt64s(in, wireType, integerData);
                case TENSOR_DATA_LOCATION -> {
                    if (in.readInt32() != 0) {
                        throw new IOException("weight stored outside the model file, not supported");
                    }
                }
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.toArray();
        if (dataType == TYPE_FLOAT) {
            float[] values = raw != null ? rawFloats(raw) : floatData.toArray();
            return new Initializer(name, shape, values, null);
        }
        if (dataType == TYPE_INT64 || dataType == TYPE_INT32) {
            long[] values = raw != null ? rawIntegers(raw, dataType) : integerData.toArray();
            return new Initializer(name, shape, null, values);
        }
        throw new IOException("weight " + name + " has ONNX data type " + dataType + ", only float32, int64 and int32 are read");
    }

    private static String readValueInfoName(CodedInputStream in) throws IOException {
        String name = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == VALUE_INFO_NAME) {
                name = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }

    /** A repeated int64 field arrives packed (one length-delimited run) or as one tag per value. */
    private static void readInt64s(CodedInputStream in, int wireType, LongList into) throws IOException {
        if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            into.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int wireType, FloatList into) throws IOException {
        if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readFloat());
            }
            in.popLimit(limit);
        } else {
            into.add(in.readFloat());
        }
    }

    /** ONNX raw data is little-endian whatever the machine. */
    private static float[] rawFloats(ByteString raw) {
        FloatBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static long[] rawIntegers(ByteString raw, int dataType) {
        if (dataType == TYPE_INT64) {
            LongBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
            long[] values = new long[buffer.remaining()];
            buffer.get(values);
            return values;
        }
        java.nio.IntBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        long[] values = new long[buffer.remaining()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.get(i);
        }
        return values;
    }

    /** A growable list of longs without boxing. */
    private static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** A growable list of floats without boxing. */
    private static final class FloatList {
        private float[] values = new float[8];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
