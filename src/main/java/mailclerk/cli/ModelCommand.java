package mailclerk.cli;

import java.util.Locale;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "model", mixinStandardHelpOptions = true, description = "List, activate and roll back model versions.")
public class ModelCommand {
    @Mixin
    ConfigOption config;

    private ModelStore store() {
        return new ModelStore(Wiring.modelsDir(config.settings()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List model versions; * marks the active one.")
    int list() {
        ModelStore store = store();
        String active = store.activeVersion().orElse("");
        for (ModelMetadata m : store.list()) {
            System.out.printf(Locale.ROOT, "%s %s  trained %s  %s  corpus %d  threshold %.2f  cv coverage %.3f precision %.3f%n",
                    m.version().equals(active) ? "*" : " ", m.version(), m.trainedAt(), m.algorithm(), m.corpusSize(),
                    m.threshold(), m.cvCoverage(), m.cvPrecision());
        }
        return 0;
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Make VERSION the active model; a running responder switches at its next poll.")
    int activate(@Parameters(paramLabel = "VERSION") String version) {
        store().activate(version);
        System.out.println("model " + version + " is now active");
        return 0;
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Re-activate the previously active model.")
    int rollback() {
        System.out.println("model " + store().rollback() + " is now active");
        return 0;
    }
}
