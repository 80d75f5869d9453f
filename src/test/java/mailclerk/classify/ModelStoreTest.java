package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ModelStoreTest {
    /** A models directory with the shipped model as version "a" and a copy with another threshold as "b". */
    public static ModelStore twoVersions(Path dir, double thresholdOfB) throws Exception {
        ModelStore shipped = new ModelStore(Path.of("models"));
        Path src = shipped.versionDir(shipped.activeVersion().orElseThrow());
        ModelStore store = new ModelStore(dir);
        for (String v : new String[] {"a", "b"}) {
            Files.createDirectories(store.versionDir(v));
            Files.copy(src.resolve(ModelStore.MODEL_FILE), store.versionDir(v).resolve(ModelStore.MODEL_FILE));
            if (Files.exists(src.resolve(ModelStore.SECOND_MODEL_FILE))) {
                Files.copy(src.resolve(ModelStore.SECOND_MODEL_FILE), store.versionDir(v).resolve(ModelStore.SECOND_MODEL_FILE));
            }
            ModelMetadata m = ModelMetadata.read(src.resolve(ModelStore.METADATA_FILE));
            new ModelMetadata(v, Instant.now(), m.algorithm(), m.corpusSize(), m.corpusHash(),
                    v.equals("b") ? thresholdOfB : m.threshold(), m.margin(), m.targetPrecision(), m.folds(),
                    m.cvAccuracy(), m.cvCoverage(), m.cvPrecision(), m.cvWrongReplies(), m.second())
                    .write(store.versionDir(v).resolve(ModelStore.METADATA_FILE));
        }
        store.activate("a");
        return store;
    }

    @Test
    void activateAndRollBack(@TempDir Path dir) throws Exception {
        ModelStore store = twoVersions(dir, 0.5);
        assertThat(store.list()).extracting(ModelMetadata::version).containsExactly("a", "b");
        store.activate("b");
        assertThat(store.activeVersion()).contains("b");
        assertThat(store.rollback()).isEqualTo("a");
        assertThat(store.activeVersion()).contains("a");
        assertThatThrownBy(store::rollback).hasMessageContaining("no earlier model");
        assertThatThrownBy(() -> store.activate("nope")).hasMessageContaining("no model version");
        assertThatThrownBy(() -> store.activate("../../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecondModelIsVersionedWithThePrimarySoRollbackSwitchesBoth(@TempDir Path dir) throws Exception {
        ModelStore store = twoVersions(dir, 0.5);
        Files.delete(store.versionDir("b").resolve(ModelStore.SECOND_MODEL_FILE));
        assertThat(store.load("a").secondOpinion("I forgot my PACER password")).isPresent();
        assertThat(store.load("a").metadata().second().threshold()).isBetween(0.0, 1.0);
        store.activate("b");
        assertThat(store.loadActive().secondOpinion("I forgot my PACER password")).isEmpty();
        store.rollback();
        assertThat(store.loadActive().secondOpinion("I forgot my PACER password")).isPresent();
    }

    @Test
    void theActiveModelSwitchesWithoutARestart(@TempDir Path dir) throws Exception {
        ModelStore store = twoVersions(dir, 0.42);
        ActiveModel active = new ActiveModel(store);
        assertThat(active.current().metadata().version()).isEqualTo("a");
        store.activate("b");
        assertThat(active.current().metadata().version()).isEqualTo("b");
        assertThat(active.current().metadata().threshold()).isEqualTo(0.42);
    }

    @Test
    void aModelThatFailsToLoadLeavesThePreviousOneInUse(@TempDir Path dir) throws Exception {
        ModelStore store = twoVersions(dir, 0.5);
        ActiveModel active = new ActiveModel(store);
        active.current();
        Files.writeString(store.versionDir("b").resolve(ModelStore.MODEL_FILE), "not a model");
        store.activate("b");
        assertThat(active.current().metadata().version()).isEqualTo("a");
    }
}
