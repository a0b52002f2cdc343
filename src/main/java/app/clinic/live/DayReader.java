package app.clinic.live;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads a day with the snapshot it was read at: one transaction, so the two agree. */
@Service
class DayReader {

    private final DayRepository days;

    DayReader(DayRepository days) {
        this.days = days;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    DayState read(LocalDate date, Collection<UUID> alwaysShown) {
        Snapshot snapshot = days.snapshot();
        return new DayState(date, snapshot, days.day(date, alwaysShown));
    }
}
