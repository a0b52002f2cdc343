package app.clinic.database;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, except that a transaction with writes waiting for its commit
 * ({@link CommitWrites}) sends them and its COMMIT in one round trip. PostgreSQL's driver then knows the transaction
 * ended (the server says so), so the connection is handed back without another. A write that fails stops the
 * COMMIT from running, and the transaction rolls back as for any commit that fails.
 */
class WritesWithCommitTransactionManager extends JdbcTransactionManager {

    private final transient CommitWrites writes;

    WritesWithCommitTransactionManager(DataSource dataSource, CommitWrites writes) {
        super(dataSource);
        this.writes = writes;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        if (!writes.commitWithWaitingWrites()) {
            super.doCommit(status);
        }
    }
}
