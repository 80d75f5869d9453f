package mailclerk.queue;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 3 once made Quartz's tables for its clustered JDBC job store on PostgreSQL. mailclerk no longer runs Quartz
 * clustered (the mailbox lease alone decides who polls: docs/cluster.md), so it does nothing now; it stays, with its
 * checksum, so that journals which ran it still validate, and V8 drops those tables.
 */
final class QuartzTables implements JavaMigration {
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
    public void migrate(Context context) {
        // nothing: see the class comment
    }
}
