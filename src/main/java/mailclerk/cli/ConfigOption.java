package mailclerk.cli;

import java.nio.file.Path;
import mailclerk.config.Settings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code --config FILE} option every command takes. */
public class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "settings file (default: ${DEFAULT-VALUE}); every key can be overridden by MAILCLERK_<KEY>",
            defaultValue = "config/mailclerk.properties")
    Path config;

    public Settings settings() {
        return Settings.load(config);
    }
}
