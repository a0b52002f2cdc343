package app.clinic.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.clinic.HttpTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A change's writes kept for its commit and sent with it: all of them with it, in order, or none. */
class CommitWritesTests extends HttpTest {

    @Autowired
    private CommitWrites writes;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private DataSource dataSource;

    private TransactionTemplate transaction;
    private String run;

    @BeforeEach
    void table() {
        db.sql("CREATE TABLE IF NOT EXISTS commit_writes_check (run text, n int, seen int)")
                .update();
        transaction = new TransactionTemplate(transactions);
        run = UUID.randomUUID().toString();
    }

    private void addRow(int n) {
        writes.sql("""
                        INSERT INTO commit_writes_check (run, n, seen)
                        SELECT :run, :n, count(*) FROM commit_writes_check WHERE run = :run
                        """).param("run", run).param("n", n).add();
    }

    /** "n:seen" in the order of n: seen is how many rows of the run the write saw. */
    private List<String> rows() {
        return db.sql("SELECT n || ':' || seen FROM commit_writes_check WHERE run = :run ORDER BY n")
                .param("run", run)
                .query(String.class)
                .list();
    }

    @Test
    void writesWaitForTheCommitThenGoInTheOrderAddedEachSeeingThoseBefore() {
        List<String> beforeCommit = transaction.execute(status -> {
            addRow(1);
            addRow(2);
            addRow(3);
            return rows();
        });

        assertThat(beforeCommit).isEmpty();
        assertThat(rows()).containsExactly("1:0", "2:1", "3:2");
    }

    @Test
    void aWriteThatReturnsRowsHandsThemOverWithTheCommitDoneBeforeWhatRunsAfterIt() {
        List<Integer> returned = new ArrayList<>();
        List<String> committedWhenHandedOver = new ArrayList<>();
        List<String> afterCommit = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            addRow(1);
            writes.sql("INSERT INTO commit_writes_check (run, n, seen) VALUES (:run, 2, 0), (:run, 3, 0) RETURNING n")
                    .param("run", run)
                    .add((rs, row) -> rs.getInt("n"), rows -> {
                        returned.addAll(rows);
                        committedWhenHandedOver.addAll(rowsSeenByAnotherConnection());
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                afterCommit.add("ran");
                            }
                        });
                    });
        });

        assertThat(returned).containsExactly(2, 3);
        assertThat(committedWhenHandedOver).containsExactly("1:0", "2:0", "3:0");
        assertThat(afterCommit).containsExactly("ran");
    }

    /** The run's rows as a connection other than the transaction's sees them: those committed. */
    private List<String> rowsSeenByAnotherConnection() {
        try (Connection other = dataSource.getConnection();
                PreparedStatement select = other.prepareStatement(
                        "SELECT n || ':' || seen FROM commit_writes_check WHERE run = ? ORDER BY n")) {
            select.setString(1, run);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRolledBackTransactionWritesNothing() {
        transaction.executeWithoutResult(status -> {
            addRow(1);
            status.setRollbackOnly();
        });

        assertThat(rows()).isEmpty();
    }

    @Test
    void aFailingWriteRollsBackTheWholeTransactionItsOwnStatementsToo() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    db.sql("INSERT INTO commit_writes_check (run, n, seen) VALUES (:run, 1, 0)")
                            .param("run", run)
                            .update();
                    addRow(2);
                    writes.sql("INSERT INTO commit_writes_check (run, n, seen) VALUES (:run, 3, 1 / 0)")
                            .param("run", run)
                            .add();
                }))
                .isInstanceOf(DataAccessException.class);

        assertThat(rows()).isEmpty();
    }

    @Test
    void outsideATransactionAWriteGoesAtOnce() {
        addRow(1);

        assertThat(rows()).containsExactly("1:0");
    }

    @Test
    void anInnerTransactionsWritesCommitWithItNotWithTheOuterOne() {
        TransactionTemplate inner = new TransactionTemplate(transactions);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        List<String> afterInnerCommit = transaction.execute(status -> {
            addRow(1);
            inner.executeWithoutResult(innerStatus -> addRow(2));
            return rows();
        });

        assertThat(afterInnerCommit).containsExactly("2:0");
        assertThat(rows()).containsExactly("1:1", "2:0");
    }

    @Test
    void aWriteAddedWhileTheTransactionCommitsGoesWithTheCommitAfterThoseWaiting() {
        transaction.executeWithoutResult(status -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    addRow(3);
                }
            });
            addRow(1);
            addRow(2);
        });

        assertThat(rows()).containsExactly("1:0", "2:1", "3:2");
    }

    @Test
    void aCommitThatFailsAfterTheWritesRanRollsThemBackAndSaysSo() {
        db.sql("""
                        CREATE TABLE IF NOT EXISTS commit_writes_deferred (
                            run text CONSTRAINT commit_writes_deferred_once UNIQUE DEFERRABLE INITIALLY DEFERRED)
                        """).update();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    addRow(1);
                    for (int twice = 0; twice < 2; twice++) {
                        writes.sql("INSERT INTO commit_writes_deferred (run) VALUES (:run)")
                                .param("run", run)
                                .add();
                    }
                }))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("commit_writes_deferred_once");

        assertThat(rows()).isEmpty();
        assertThat(db.sql("SELECT count(*) FROM commit_writes_deferred WHERE run = :run")
                        .param("run", run)
                        .query(Integer.class)
                        .single())
                .isZero();
        transaction.executeWithoutResult(status -> addRow(2));
        assertThat(rows()).containsExactly("2:0");
    }

    @Test
    void aTransactionWithoutWaitingWritesCommitsAsUsual() {
        transaction.executeWithoutResult(
                status -> db.sql("INSERT INTO commit_writes_check (run, n, seen) VALUES (:run, 1, 0)")
                        .param("run", run)
                        .update());

        assertThat(rowsSeenByAnotherConnection()).containsExactly("1:0");
    }
}
