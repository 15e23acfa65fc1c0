package io.storywatch.stage.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A multinomial logistic regression over sparse string features, trained with AdaGrad and L2: small enough to read,
 * test and ship as a JSON file with its task, labels and version.
 */
public final class LinearClassifier {

    public static final String FORMAT = "storywatch-linear-1";

    /** Training settings; {@code minCount} drops features seen fewer times in the training data. */
    public record Options(int epochs, double learningRate, double l2, int minCount, long seed) {
        public static final Options DEFAULT = new Options(12, 0.2, 1e-6, 1, 17L);
    }

    private final String task;
    private final String version;
    private final List<String> labels;
    private final Map<String, float[]> weights;
    private final float[] bias;

    public LinearClassifier(String task, String version, List<String> labels, Map<String, float[]> weights,
                            float[] bias) {
        this.task = task;
        this.version = version;
        this.labels = List.copyOf(labels);
        this.weights = weights;
        this.bias = bias;
    }

    public String task() {
        return task;
    }

    public String version() {
        return version;
    }

    public List<String> labels() {
        return labels;
    }

    public int featureCount() {
        return weights.size();
    }

    /** Class probabilities, in the order of {@link #labels()}. */
    public double[] probabilities(List<String> features) {
        double[] scores = new double[labels.size()];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = bias[k];
        }
        double norm = features.isEmpty() ? 1 : 1 / Math.sqrt(features.size());
        for (String feature : features) {
            float[] w = weights.get(feature);
            if (w != null) {
                for (int k = 0; k < scores.length; k++) {
                    scores[k] += w[k] * norm;
                }
            }
        }
        return softmax(scores);
    }

    public String predict(List<String> features) {
        double[] p = probabilities(features);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return labels.get(best);
    }

    /** Learns from examples (feature lists) and their labels; labels are sorted for a stable file. */
    public static LinearClassifier train(String task, String version, List<List<String>> examples,
                                         List<String> gold, Options options) {
        if (examples.size() != gold.size() || examples.isEmpty()) {
            throw new IllegalArgumentException("need as many labels as examples, and at least one");
        }
        List<String> labels = gold.stream().distinct().sorted().toList();
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> example : examples) {
            example.stream().distinct().forEach(f -> counts.merge(f, 1, Integer::sum));
        }
        Map<String, Integer> index = new HashMap<>();
        for (var e : new TreeMap<>(counts).entrySet()) {
            if (e.getValue() >= options.minCount()) {
                index.put(e.getKey(), index.size());
            }
        }
        int classes = labels.size();
        int[][] rows = new int[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            rows[i] = examples.get(i).stream().map(index::get).filter(java.util.Objects::nonNull)
                    .mapToInt(Integer::intValue).toArray();
            y[i] = labels.indexOf(gold.get(i));
        }
        double[][] w = new double[index.size()][classes];
        double[][] g2 = new double[index.size()][classes];
        double[] b = new double[classes];
        double[] bg2 = new double[classes];
        int[] order = new int[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed());
        double[] scores = new double[classes];
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i : order) {
                int[] row = rows[i];
                double norm = row.length == 0 ? 1 : 1 / Math.sqrt(examples.get(i).size());
                for (int k = 0; k < classes; k++) {
                    scores[k] = b[k];
                }
                for (int f : row) {
                    for (int k = 0; k < classes; k++) {
                        scores[k] += w[f][k] * norm;
                    }
                }
                double[] p = softmax(scores);
                for (int k = 0; k < classes; k++) {
                    double grad = p[k] - (y[i] == k ? 1 : 0);
                    bg2[k] += grad * grad;
                    b[k] -= options.learningRate() * grad / Math.sqrt(bg2[k] + 1e-8);
                    for (int f : row) {
                        double gf = grad * norm + options.l2() * w[f][k];
                        g2[f][k] += gf * gf;
                        w[f][k] -= options.learningRate() * gf / Math.sqrt(g2[f][k] + 1e-8);
                    }
                }
            }
        }
        Map<String, float[]> weights = new HashMap<>();
        index.forEach((feature, f) -> {
            float[] v = new float[classes];
            boolean any = false;
            for (int k = 0; k < classes; k++) {
                v[k] = (float) w[f][k];
                any |= Math.abs(v[k]) > 1e-6;
            }
            if (any) {
                weights.put(feature, v);
            }
        });
        float[] bias = new float[classes];
        for (int k = 0; k < classes; k++) {
            bias[k] = (float) b[k];
        }
        return new LinearClassifier(task, version, labels, weights, bias);
    }

    public void save(Path file) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("task", task);
        root.put("version", version);
        ArrayNode labelNode = root.putArray("labels");
        labels.forEach(labelNode::add);
        ArrayNode biasNode = root.putArray("bias");
        for (float v : bias) {
            biasNode.add(round(v));
        }
        ObjectNode weightNode = root.putObject("weights");
        for (var e : new TreeMap<>(weights).entrySet()) {
            ArrayNode row = weightNode.putArray(e.getKey());
            for (float v : e.getValue()) {
                row.add(round(v));
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Json.mapper().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + file, e);
        }
    }

    public static LinearClassifier load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file, e);
        }
    }

    public static LinearClassifier load(InputStream in) throws IOException {
        JsonNode root = Json.mapper().readTree(in);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " model");
        }
        List<String> labels = new ArrayList<>();
        root.get("labels").forEach(l -> labels.add(l.asText()));
        float[] bias = new float[labels.size()];
        for (int k = 0; k < bias.length; k++) {
            bias[k] = (float) root.get("bias").get(k).asDouble();
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        root.get("weights").fields().forEachRemaining(e -> {
            float[] v = new float[labels.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) e.getValue().get(k).asDouble();
            }
            weights.put(e.getKey(), v);
        });
        return new LinearClassifier(root.get("task").asText(), root.get("version").asText(), labels, weights, bias);
    }

    private static double round(float v) {
        return Math.round(v * 1e5) / 1e5;
    }

    /** Probabilities from unnormalised log-scores, shifted by their maximum so large scores do not overflow. */
    public static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] p = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            p[k] = Math.exp(scores[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < scores.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
