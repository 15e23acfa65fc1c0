package io.storywatch.stage.score.encoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Makes intermediate tensors of an ONNX model fetchable by declaring them as graph outputs, editing the model's
 * protobuf bytes directly (ONNX Runtime returns only graph outputs, and its Java API cannot add any). Only the graph's
 * output list changes: every node, weight and other field is copied as it was.
 *
 * <p>Wire format used: {@code ModelProto.graph} is field 7, {@code GraphProto.output} field 12 (repeated, so an entry
 * may be appended at the end of the message), {@code ValueInfoProto.name} field 1. An output declared by name alone
 * takes its type from the node that produces it.
 */
final class GraphOutputs {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int LENGTH_DELIMITED = 2;

    private GraphOutputs() {
    }

    /** The model with {@code names} appended to its graph's outputs, in order, after the outputs it had. */
    static byte[] withOutputs(byte[] model, List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64 * names.size());
        boolean graphSeen = false;
        int at = 0;
        while (at < model.length) {
            int start = at;
            long[] tag = varint(model, at);
            at = (int) tag[1];
            int field = (int) (tag[0] >>> 3);
            int wire = (int) (tag[0] & 7);
            switch (wire) {
                case 0 -> at = (int) varint(model, at)[1];
                case 1 -> at += 8;
                case 5 -> at += 4;
                case LENGTH_DELIMITED -> {
                    long[] length = varint(model, at);
                    int contentStart = (int) length[1];
                    at = contentStart + (int) length[0];
                    if (at > model.length) {
                        throw new IllegalArgumentException("not an ONNX model: a field runs past the end");
                    }
                    if (field == MODEL_GRAPH) {
                        graphSeen = true;
                        ByteArrayOutputStream graph = new ByteArrayOutputStream(at - contentStart + 64 * names.size());
                        graph.write(model, contentStart, at - contentStart);
                        for (String name : names) {
                            writeField(graph, GRAPH_OUTPUT, valueInfo(name));
                        }
                        writeField(out, MODEL_GRAPH, graph.toByteArray());
                        continue;
                    }
                }
                default -> throw new IllegalArgumentException("not an ONNX model: wire type " + wire + " at byte "
                        + start);
            }
            out.write(model, start, at - start);
        }
        if (!graphSeen) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        return out.toByteArray();
    }

    private static byte[] valueInfo(String name) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        writeField(info, VALUE_INFO_NAME, name.getBytes(StandardCharsets.UTF_8));
        return info.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, int field, byte[] content) {
        writeVarint(out, ((long) field << 3) | LENGTH_DELIMITED);
        writeVarint(out, content.length);
        out.write(content, 0, content.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** The varint at {@code at}: its value and the index after it. */
    private static long[] varint(byte[] bytes, int at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("not an ONNX model: a number runs past the end");
            }
            byte b = bytes[at++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return new long[] {value, at};
            }
        }
        throw new IllegalArgumentException("not an ONNX model: a number longer than 10 bytes");
    }
}
