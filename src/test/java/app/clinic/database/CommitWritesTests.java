package app.clinic.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.clinic.HttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A change's writes kept for its commit: all of them with it, in order, or none. */
class CommitWritesTests extends HttpTest {

    @Autowired
    private CommitWrites writes;

    @Autowired
    private PlatformTransactionManager transactions;

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
    void aWriteThatReturnsRowsHandsThemOverBeforeTheCommit() {
        List<Integer> returned = new ArrayList<>();
        List<Boolean> committedWhenHandedOver = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            addRow(1);
            writes.sql("INSERT INTO commit_writes_check (run, n, seen) VALUES (:run, 2, 0), (:run, 3, 0) RETURNING n")
                    .param("run", run)
                    .add((rs, row) -> rs.getInt("n"), rows -> {
                        returned.addAll(rows);
                        committedWhenHandedOver.add(!TransactionSynchronizationManager.isActualTransactionActive());
                    });
        });

        assertThat(returned).containsExactly(2, 3);
        assertThat(committedWhenHandedOver).containsExactly(false);
        assertThat(rows()).containsExactly("1:0", "2:0", "3:0");
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
    void aWriteSentWhileTheTransactionCommitsGoesAfterThoseWaitingInTheSameTransaction() {
        transaction.executeWithoutResult(status -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    writes.sql("""
                                    INSERT INTO commit_writes_check (run, n, seen)
                                    SELECT :run, 3, count(*) FROM commit_writes_check WHERE run = :run
                                    """).param("run", run).send();
                }
            });
            addRow(1);
            addRow(2);
        });

        assertThat(rows()).containsExactly("1:0", "2:1", "3:2");
    }
}
