package mailclerk.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.ModelStore;
import mailclerk.classify.Retraining;
import mailclerk.classify.TrainingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The administrators' model screen: versions, retraining in the background, activation and rollback. */
public final class ModelAdmin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelAdmin.class);

    /** What the last retraining did; {@code result} is set when it finished. */
    public record RetrainStatus(String state, Instant started, List<String> progress, ModelMetadata result, String error) {
        public boolean running() {
            return "running".equals(state);
        }
    }

    private final ModelStore store;
    private final java.util.function.Supplier<Set<String>> answerable;
    private final double targetPrecision;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mailclerk-retrain");
        t.setDaemon(true);
        return t;
    });
    private volatile RetrainStatus status = new RetrainStatus("idle", null, List.of(), null, null);

    public ModelAdmin(ModelStore store, Set<String> answerable, double targetPrecision) {
        this(store, () -> answerable, targetPrecision);
    }

    /** @param answerable the topics with an approved answer when a retraining starts (the Topics page adds some) */
    public ModelAdmin(ModelStore store, java.util.function.Supplier<Set<String>> answerable, double targetPrecision) {
        this.store = store;
        this.answerable = answerable;
        this.targetPrecision = targetPrecision;
    }

    /** Where the models, the corpus and the clerks' labels are. */
    public java.nio.file.Path dir() {
        return store.dir();
    }

    public List<ModelMetadata> versions() {
        List<ModelMetadata> all = new ArrayList<>(store.list());
        all.sort((a, b) -> b.version().compareTo(a.version()));
        return all;
    }

    public Optional<String> active() {
        return store.activeVersion();
    }

    public RetrainStatus status() {
        return status;
    }

    /** Starts a retraining unless one is running; returns false if one was. */
    public synchronized boolean retrain(String who) {
        if (status.running()) return false;
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant started = Instant.now();
        Set<String> topics = Set.copyOf(answerable.get());
        status = new RetrainStatus("running", started, progress, null, null);
        log.info("retraining started by {}", who);
        worker.submit(() -> {
            try {
                ModelMetadata m = Retraining.run(store, topics, targetPrecision, TrainingOptions.defaults(), 5, progress::add);
                status = new RetrainStatus("done", started, List.copyOf(progress), m, null);
                log.info("retraining finished: {} (not active until an administrator activates it)", m.version());
            } catch (RuntimeException e) {
                status = new RetrainStatus("failed", started, List.copyOf(progress), null, e.toString());
                log.error("retraining failed: {}", e.toString());
            }
        });
        return true;
    }

    public void activate(String who, String version) {
        store.activate(version);
        log.info("model {} activated by {}", version, who);
    }

    public String rollback(String who) {
        String v = store.rollback();
        log.info("model rolled back to {} by {}", v, who);
        return v;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
