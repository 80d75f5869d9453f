package mailclerk.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a sentence into a 384-number vector where paraphrases lie close together: all-MiniLM-L6-v2, quantized,
 * run in process by ONNX Runtime. The model ships inside the jar; nothing is downloaded. One instance per process
 * (loading takes about a second and 30 MB); safe to share between threads.
 */
public final class SentenceEmbedder {
    public static final String MODEL = "all-MiniLM-L6-v2 (quantized)";
    public static final int DIMENSIONS = 384;
    /**
     * Text embedded per call. MiniLM was trained on passages of up to 256 word pieces (about 1,000 characters of
     * English); longer text costs time in proportion and adds little: a filer's question comes first.
     */
    private static final int MAX_CHARS = 1_000;
    private static volatile SentenceEmbedder shared;

    private final EmbeddingModel model;

    private SentenceEmbedder() {
        prepareNativeCache();
        this.model = new SingleThreaded(load());
    }

    /** The model file and tokenizer that ship in langchain4j's all-MiniLM-L6-v2-q artifact. */
    private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

    /**
     * The same model as langchain4j's AllMiniLmL6V2QuantizedEmbeddingModel, on a session of one thread: messages are
     * decided on every core at once, and ONNX Runtime's default pool (a spinning thread per core, per call) then
     * fights the other decisions for the same cores. Measured on the 2,300-message backlog: see docs/performance.md.
     */
    private static OnnxBertBiEncoder load() {
        ClassLoader loader = SentenceEmbedder.class.getClassLoader();
        try (InputStream modelIn = loader.getResourceAsStream(MODEL_FILE);
             InputStream tokenizerIn = loader.getResourceAsStream(TOKENIZER_FILE)) {
            if (modelIn == null || tokenizerIn == null) throw new IllegalStateException("the embedding model is not in the jar");
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(modelIn.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizerIn, PoolingMode.MEAN);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("the embedding model could not be loaded: " + e.getMessage(), e);
        }
    }

    /** langchain4j's in-process model around our session; each call embeds on the caller's thread. */
    private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreaded(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    public static SentenceEmbedder shared() {
        SentenceEmbedder s = shared;
        if (s == null) {
            synchronized (SentenceEmbedder.class) {
                s = shared;
                if (s == null) shared = s = new SentenceEmbedder();
            }
        }
        return s;
    }

    /**
     * Loads the model and embeds one sentence: an {@link java.io.IOException} naming the cause when the native
     * libraries cannot run on this machine (another platform, a {@code noexec} temporary directory, a cache
     * directory it cannot write).
     */
    public static void check() throws java.io.IOException {
        try {
            float[] v = shared().embed("How do I reset my PACER password?");
            if (v.length != DIMENSIONS) throw new java.io.IOException("the embedding model gave " + v.length + " numbers");
        } catch (LinkageError | RuntimeException e) {
            throw new java.io.IOException("the embedding reader cannot run on this machine (" + e + "); it needs Linux or "
                    + "Windows on x86-64, a writable DJL_CACHE_DIR and an exec-able temporary directory", e);
        }
    }

    /** The text's embedding (unit length); an all-zero vector for text with nothing to read. */
    public float[] embed(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return new float[DIMENSIONS];
        if (t.length() > MAX_CHARS) t = t.substring(0, MAX_CHARS);
        return model.embed(t).content().vector();
    }

    /**
     * The tokenizer's native library is unpacked into DJL's cache, by default under the user's home, which a
     * hardened service cannot write (ProtectHome). Unless the operator chose a place ({@code DJL_CACHE_DIR}), use the
     * data directory when there is one; and never let DJL try the network.
     */
    private static void prepareNativeCache() {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null) return;
        String data = System.getenv("MAILCLERK_DATA_DIR");
        if (data != null && !data.isBlank() && Files.isDirectory(Path.of(data))) {
            System.setProperty("DJL_CACHE_DIR", Path.of(data, "djl").toString());
        }
    }
}
