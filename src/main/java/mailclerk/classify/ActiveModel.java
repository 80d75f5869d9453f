package mailclerk.classify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model the responder uses, switched without a restart: {@link #current()} looks at {@code models/ACTIVE}
 * and loads a newly activated version before the next poll uses it. A version that fails to load is logged
 * and the previous model stays in use.
 */
public final class ActiveModel {
    private static final Logger log = LoggerFactory.getLogger(ActiveModel.class);
    private final ModelStore store;
    private TopicModel model;
    private String version;

    public ActiveModel(ModelStore store) {
        this.store = store;
    }

    public synchronized TopicModel current() {
        String wanted = store.activeVersion().orElse(null);
        if (wanted == null && model == null) {
            throw new IllegalStateException("no active model under " + store.dir() + ": run `mailclerk train` first");
        }
        if (wanted != null && !wanted.equals(version)) {
            try {
                TopicModel loaded = store.load(wanted);
                if (model != null) log.info("model switched from {} to {}", version, wanted);
                else log.info("model {} loaded (threshold {})", wanted, loaded.metadata().threshold());
                model = loaded;
                version = wanted;
            } catch (RuntimeException e) {
                if (model == null) throw e;
                log.error("model {} could not be loaded, staying on {}: {}", wanted, version, e.getMessage());
            }
        }
        return model;
    }
}
