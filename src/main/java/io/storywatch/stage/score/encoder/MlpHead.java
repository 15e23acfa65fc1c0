package io.storywatch.stage.score.encoder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The trained target-sentiment head over encoder features: standardised input, then one or more small networks (one
 * ReLU hidden layer, softmax over the labels) whose probabilities are averaged, moved to the label prior expected in
 * news. Immutable; stored as JSON with its weights as base64 little-endian float32 arrays.
 */
public final class MlpHead {

    public static final String FORMAT = "storywatch-encoder-head-1";
    /** The file's {@code names} value of a head that reads the targets' names masked (absent: as written). */
    static final String MASKED = "masked";

    private final String task;
    private final String version;
    private final String encoder;
    private final List<String> labels;
    private final List<String> facts;
    private final float[] mean;
    private final float[] scale;
    private final List<Member> members;
    private final double[] prior;
    private final boolean masksNames;
    private final TargetAttention attention;

    /** One network's weights: w1 is [hidden][inputs] row-major, w2 is [labels][hidden]. */
    record Member(int hidden, float[] w1, float[] b1, float[] w2, float[] b2) {
    }

    /**
     * @param prior the share of each label expected where the head is used; the head is trained as if labels were
     *              equally common, and its probabilities are moved to this prior (Bayes' rule)
     */
    MlpHead(String task, String version, String encoder, List<String> labels, List<String> facts, float[] mean,
            float[] scale, List<Member> members, double[] prior, boolean masksNames, TargetAttention attention) {
        this.task = task;
        this.version = version;
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.facts = List.copyOf(facts);
        int inputs = mean.length;
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a head needs at least one network");
        }
        for (Member m : members) {
            if (scale.length != inputs || m.w1().length != inputs * m.hidden() || m.b1().length != m.hidden()
                    || m.w2().length != m.hidden() * labels.size() || m.b2().length != labels.size()) {
                throw new IllegalArgumentException("head weights do not fit " + inputs + " inputs, " + m.hidden()
                        + " hidden units and " + labels.size() + " labels");
            }
        }
        if (prior.length != labels.size()) {
            throw new IllegalArgumentException("prior has " + prior.length + " shares for " + labels.size() + " labels");
        }
        if (attention != null && attention.dimensions() > inputs) {
            throw new IllegalArgumentException("an attention of " + attention.dimensions()
                    + " dimensions does not fit a head of " + inputs + " inputs");
        }
        this.mean = mean;
        this.scale = scale;
        this.members = List.copyOf(members);
        this.prior = prior.clone();
        this.masksNames = masksNames;
        this.attention = attention;
    }

    /** The same head with another expected label prior (shares in the order of {@link #labels()}). */
    public MlpHead withPrior(double[] shares) {
        return new MlpHead(task, version, encoder, labels, facts, mean, scale, members, shares, masksNames, attention);
    }

    /** The same head, read with the targets' names masked ({@link NameMask}) or as written. */
    public MlpHead withMaskedNames(boolean masked) {
        return new MlpHead(task, version, encoder, labels, facts, mean, scale, members, prior, masked, attention);
    }

    /**
     * The same head reading {@code learned}'s vector as the block after its fixed ones (the head must have been
     * trained on features that had it).
     */
    public MlpHead withAttention(TargetAttention learned) {
        return new MlpHead(task, version, encoder, labels, facts, mean, scale, members, prior, masksNames, learned);
    }

    /** Heads trained on the same examples (same inputs and standardisation) averaged as one, under a new version. */
    public static MlpHead ensemble(String version, List<MlpHead> heads) {
        MlpHead first = heads.get(0);
        List<Member> members = new ArrayList<>();
        for (MlpHead head : heads) {
            if (!Arrays.equals(head.mean, first.mean) || !head.facts.equals(first.facts)) {
                throw new IllegalArgumentException("heads of an ensemble must share their inputs");
            }
            members.addAll(head.members);
        }
        return new MlpHead(first.task, version, first.encoder, first.labels, first.facts, first.mean, first.scale,
                members, first.prior, first.masksNames, first.attention);
    }

    public String task() {
        return task;
    }

    public String version() {
        return version;
    }

    /** The encoder whose vectors this head was trained on. */
    public String encoder() {
        return encoder;
    }

    public List<String> labels() {
        return labels;
    }

    /** Whether the encoder must read the targets' names masked for this head (as it was trained). */
    public boolean masksNames() {
        return masksNames;
    }

    /** The learned attention whose vector the head reads after its fixed blocks, or null when it reads none. */
    public TargetAttention attention() {
        return attention;
    }

    /** The rule facts the head reads, in the order of its inputs. */
    public List<String> facts() {
        return facts;
    }

    public int inputs() {
        return mean.length;
    }

    public int members() {
        return members.size();
    }

    public double[] prior() {
        return prior.clone();
    }

    /** Label probabilities for one feature vector, in the order of {@link #labels()}. */
    public double[] probabilities(float[] features) {
        return probabilitiesOf(List.of(features)).get(0);
    }

    /**
     * Label probabilities for several feature vectors (e.g. every target of an article), each exactly what
     * {@link #probabilities} gives it alone: the vectors pass through the weights four at a time, so the weights
     * (6.6 MB for the shipped head, more than the CPU's cache) are read once per four vectors instead of once each,
     * while every vector's sums still add up in the same order.
     */
    public List<double[]> probabilitiesOf(List<float[]> featureVectors) {
        int inputs = mean.length;
        float[][] x = new float[featureVectors.size()][];
        for (int v = 0; v < x.length; v++) {
            float[] features = featureVectors.get(v);
            if (features.length != inputs) {
                throw new IllegalArgumentException("head expects " + inputs + " features, got " + features.length);
            }
            x[v] = new float[inputs];
            for (int i = 0; i < inputs; i++) {
                x[v][i] = (features[i] - mean[i]) * scale[i];
            }
        }
        int k = labels.size();
        double[][] average = new double[x.length][k];
        for (Member member : members) {
            float[][] hidden = hiddenLayer(member, x);
            for (int v = 0; v < x.length; v++) {
                double[] p = softmax(logits(member, hidden[v]));
                for (int c = 0; c < k; c++) {
                    average[v][c] += p[c] / members.size();
                }
            }
        }
        List<double[]> out = new ArrayList<>(x.length);
        for (double[] a : average) {
            double[] moved = new double[k];
            for (int c = 0; c < k; c++) {
                moved[c] = Math.log(Math.max(1e-12, a[c])) + Math.log(prior[c] * k);
            }
            out.add(softmax(moved));
        }
        return out;
    }

    /** ReLU(w1 x + b1) for each vector; four vectors share each pass over a weight row. */
    private static float[][] hiddenLayer(Member m, float[][] x) {
        int hiddenUnits = m.hidden();
        float[] w1 = m.w1();
        float[][] h = new float[x.length][hiddenUnits];
        int v = 0;
        for (; v + 4 <= x.length; v += 4) {
            float[] x0 = x[v];
            float[] x1 = x[v + 1];
            float[] x2 = x[v + 2];
            float[] x3 = x[v + 3];
            int inputs = x0.length;
            for (int j = 0; j < hiddenUnits; j++) {
                float s0 = m.b1()[j];
                float s1 = s0;
                float s2 = s0;
                float s3 = s0;
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) {
                    float w = w1[row + i];
                    s0 += w * x0[i];
                    s1 += w * x1[i];
                    s2 += w * x2[i];
                    s3 += w * x3[i];
                }
                h[v][j] = Math.max(0, s0);
                h[v + 1][j] = Math.max(0, s1);
                h[v + 2][j] = Math.max(0, s2);
                h[v + 3][j] = Math.max(0, s3);
            }
        }
        for (; v < x.length; v++) {
            float[] xv = x[v];
            int inputs = xv.length;
            for (int j = 0; j < hiddenUnits; j++) {
                float sum = m.b1()[j];
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) {
                    sum += w1[row + i] * xv[i];
                }
                h[v][j] = Math.max(0, sum);
            }
        }
        return h;
    }

    private double[] logits(Member m, float[] h) {
        int hidden = m.hidden();
        double[] logits = new double[labels.size()];
        for (int c = 0; c < logits.length; c++) {
            double sum = m.b2()[c];
            for (int j = 0; j < hidden; j++) {
                sum += m.w2()[c * hidden + j] * h[j];
            }
            logits[c] = sum;
        }
        return logits;
    }

    static double[] softmax(double[] logits) {
        return io.storywatch.stage.score.LinearClassifier.softmax(logits);
    }

    static double[] uniform(int k) {
        double[] shares = new double[k];
        Arrays.fill(shares, 1.0 / k);
        return shares;
    }

    public void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            List<StoredMember> stored = members.stream().map(m -> new StoredMember(m.hidden(), encode(m.w1()),
                    encode(m.b1()), encode(m.w2()), encode(m.b2()))).toList();
            StoredAttention storedAttention = attention == null ? null : new StoredAttention(attention.rank(),
                    attention.dimensions(), encode(attention.wq()), encode(attention.wk()), encode(attention.bias()));
            Files.write(file, Json.toBytes(new Stored(FORMAT, task, version, encoder, masksNames ? MASKED : null,
                    labels, facts, mean.length, prior, encode(mean), encode(scale), stored, storedAttention)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write head " + file + ": " + e.getMessage(), e);
        }
    }

    public static MlpHead load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read head " + file + ": " + e.getMessage(), e);
        }
    }

    public static MlpHead load(InputStream in) throws IOException {
        Stored s = Json.mapper().readValue(in, Stored.class);
        if (!FORMAT.equals(s.format())) {
            throw new IllegalArgumentException("not an encoder head (format " + s.format() + ", expected " + FORMAT
                    + ")");
        }
        List<Member> members = s.members().stream().map(m -> new Member(m.hidden(), decode(m.w1()), decode(m.b1()),
                decode(m.w2()), decode(m.b2()))).toList();
        if (s.names() != null && !MASKED.equals(s.names())) {
            throw new IllegalArgumentException("head " + s.version() + ": unknown name handling \"" + s.names()
                    + "\" (this version knows \"" + MASKED + "\" and, when absent, names as written)");
        }
        return new MlpHead(s.task(), s.version(), s.encoder(), s.labels(), s.facts(), decode(s.mean()),
                decode(s.scale()), members, s.prior() == null ? uniform(s.labels().size()) : s.prior(),
                MASKED.equals(s.names()), s.attention() == null ? null : new TargetAttention(s.attention().rank(),
                        s.attention().dimensions(), decode(s.attention().wq()), decode(s.attention().wk()),
                        decode(s.attention().bias())));
    }

    /** Whether a model file is an encoder head rather than a linear model, by its format field. */
    public static boolean isHead(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(200), StandardCharsets.UTF_8).contains("\"" + FORMAT + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file + ": " + e.getMessage(), e);
        }
    }

    private static String encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static float[] decode(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }

    /** The file layout: the format first, so {@link #isHead} can tell it from the first bytes. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"format", "task", "version", "encoder", "names", "labels",
            "facts", "inputs", "prior", "mean", "scale", "members", "attention"})
    record Stored(@JsonProperty("format") String format, @JsonProperty("task") String task,
                  @JsonProperty("version") String version, @JsonProperty("encoder") String encoder,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("names") String names,
                  @JsonProperty("labels") List<String> labels, @JsonProperty("facts") List<String> facts,
                  @JsonProperty("inputs") int inputs, @JsonProperty("prior") double[] prior,
                  @JsonProperty("mean") String mean, @JsonProperty("scale") String scale,
                  @JsonProperty("members") List<StoredMember> members,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("attention") StoredAttention attention) {
    }

    /** A learned attention in the file (absent: the head reads none). */
    record StoredAttention(@JsonProperty("rank") int rank, @JsonProperty("dimensions") int dimensions,
                           @JsonProperty("wq") String wq, @JsonProperty("wk") String wk,
                           @JsonProperty("bias") String bias) {
    }

    /** One network in the file. */
    record StoredMember(@JsonProperty("hidden") int hidden, @JsonProperty("w1") String w1,
                        @JsonProperty("b1") String b1, @JsonProperty("w2") String w2, @JsonProperty("b2") String b2) {
    }
}
