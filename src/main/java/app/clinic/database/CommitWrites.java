package app.clinic.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes that come with a change and that nothing later in its transaction reads (its history row, its live-queue
 * event, its notification, the request's audit record): kept until the transaction commits, then sent to PostgreSQL
 * together with its COMMIT, as one multi-statement round trip, in the order they were added
 * ({@link WritesWithCommitTransactionManager}). Each statement still runs on its own, seeing the rows of those
 * before it; a failing one fails the commit, which then never runs, and the whole transaction rolls back. A
 * booking's four such writes and its commit cost one round trip instead of five, a check-in's seven and its commit
 * one instead of eight: every round trip costs both sides system calls and a wake-up.
 *
 * <p>A write reads the database as it is when the transaction commits, not when it was added: it may read only what
 * the transaction does not change again after adding it. Outside a transaction a write is sent at once.
 */
@Component
public class CommitWrites {

    /** The code's own statements: a few dozen, parsed once each. */
    private static final int MAX_PARSED = 256;

    private final JdbcTemplate jdbc;
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();

    public CommitWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A write of named parameters ({@code :name}), as {@code JdbcClient.sql} takes them. */
    public Write sql(String sql) {
        return new Write(sql);
    }

    public final class Write {

        private final String sql;
        private final Map<String, Object> params = new HashMap<>();

        private Write(String sql) {
            this.sql = sql;
        }

        public Write param(String name, Object value) {
            params.put(name, value);
            return this;
        }

        public Write params(Map<String, ?> values) {
            params.putAll(values);
            return this;
        }

        /** Sent with the transaction's other writes and its commit. */
        public void add() {
            enqueue(new Pending<>(this, null, null));
        }

        /**
         * The same, for a write that returns rows ({@code RETURNING}): {@code then} gets them as soon as they are
         * back, with the commit done and before what runs after it, which {@code then} may register; it must not
         * write.
         */
        public <T> void add(RowMapper<T> rows, Consumer<List<T>> then) {
            enqueue(new Pending<>(this, rows, then));
        }

        /** The same, for a write that returns exactly one row: {@code then} gets it. */
        public <T> void addReturningOne(RowMapper<T> row, Consumer<T> then) {
            add(row, rows -> then.accept(DataAccessUtils.requiredSingleResult(rows)));
        }
    }

    private record Pending<T>(Write write, RowMapper<T> rows, Consumer<List<T>> then) {

        void answer(PreparedStatement statement) throws SQLException {
            List<T> returned = new ArrayList<>();
            if (rows != null) {
                try (ResultSet resultSet = statement.getResultSet()) {
                    while (resultSet != null && resultSet.next()) {
                        returned.add(rows.mapRow(resultSet, returned.size()));
                    }
                }
                then.accept(returned);
            }
        }
    }

    /**
     * The writes waiting for their transaction's commit. A synchronization only to live and die with its
     * transaction: one suspended around a REQUIRES_NEW is set aside with it.
     */
    private final class Batch implements TransactionSynchronization {

        private final List<Pending<?>> pending = new ArrayList<>();
        private boolean sent;

        CommitWrites owner() {
            return CommitWrites.this;
        }
    }

    /**
     * Sends the current transaction's waiting writes followed by its COMMIT, in one round trip, and answers true;
     * false when no write waits, and the caller commits as usual. Called by the transaction manager as it commits,
     * after every synchronization's beforeCommit and beforeCompletion, so that a write added from there goes along.
     */
    boolean commitWithWaitingWrites() {
        Batch batch = currentBatch();
        if (batch == null || batch.pending.isEmpty()) {
            return false;
        }
        batch.sent = true; // a write added from here on (after the commit) goes at once, on its own
        List<Pending<?>> writes = List.copyOf(batch.pending);
        batch.pending.clear();
        send(writes, "COMMIT");
        return true;
    }

    private void enqueue(Pending<?> write) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(List.of(write));
            return;
        }
        Batch batch = currentBatch();
        if (batch == null) {
            batch = new Batch();
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        if (batch.sent) {
            send(List.of(write));
        } else {
            batch.pending.add(write);
        }
    }

    /**
     * The batch among the transaction's synchronizations: those of a suspended transaction (around a
     * REQUIRES_NEW) are set aside with it, so an inner transaction's writes never join the outer's.
     */
    private Batch currentBatch() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Batch batch && batch.owner() == this) {
                return batch;
            }
        }
        return null;
    }

    private void send(List<Pending<?>> writes) {
        send(writes, "");
    }

    /** The writes, then {@code last} (if not empty) in the same round trip. */
    private void send(List<Pending<?>> writes, String last) {
        StringBuilder sql = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (Pending<?> write : writes) {
            ParsedSql statement = parse(write.write().sql);
            var source = new MapSqlParameterSource(write.write().params);
            sql.append(NamedParameterUtils.substituteNamedParameters(statement, source))
                    .append(";\n");
            values.addAll(Arrays.asList(NamedParameterUtils.buildValueArray(statement, source, null)));
        }
        sql.append(last);
        jdbc.execute(sql.toString(), (PreparedStatementCallback<Void>) statement -> {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof SqlParameterValue typed) {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, typed, typed.getValue());
                } else {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, value);
                }
            }
            statement.execute();
            for (int i = 0; i < writes.size(); i++) {
                if (i > 0) {
                    statement.getMoreResults();
                }
                writes.get(i).answer(statement);
            }
            return null;
        });
    }

    private ParsedSql parse(String sql) {
        ParsedSql known = parsed.get(sql);
        if (known != null) {
            return known;
        }
        ParsedSql statement = NamedParameterUtils.parseSqlStatement(sql);
        if (parsed.size() < MAX_PARSED) {
            parsed.put(sql, statement);
        }
        return statement;
    }
}
