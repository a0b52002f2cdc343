package app.clinic.live;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads a day with the snapshot it was read at: one transaction, so that they agree. */
@Service
class DayReader {

    private final DayRepository days;

    DayReader(DayRepository days) {
        this.days = days;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    DayState read(LocalDate date, DayScope scope) {
        Snapshot snapshot = days.snapshot();
        return new DayState(
                date,
                snapshot,
                scope.rows() ? days.rows(date, scope) : List.of(),
                scope.boards() ? days.boards(date, scope) : List.of());
    }
}
