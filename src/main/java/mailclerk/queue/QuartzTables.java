package mailclerk.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/** Quartz's own tables for its clustered JDBC job store, from the script Quartz ships for PostgreSQL. */
final class QuartzTables implements JavaMigration {
    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "quartz tables";
    }

    @Override
    public Integer getChecksum() {
        return 3;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        String script;
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IOException("Quartz's " + SCRIPT + " is missing from the class path");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (l.startsWith("--") || l.isEmpty()) continue;
            sql.append(line).append('\n');
        }
        try (Statement s = context.getConnection().createStatement()) {
            for (String statement : sql.toString().split(";")) {
                String st = statement.strip();
                if (st.isEmpty() || st.equalsIgnoreCase("commit")) continue;
                s.execute(st);
            }
        }
    }
}
