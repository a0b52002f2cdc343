package app.clinic.doctor;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

record RosterResponse(
        UUID doctorId, LocalDate validFrom, LocalDate validUntil, List<WorkingDay> weekdays, OffsetDateTime updatedAt) {

    record WorkingDay(String weekday, Integer dailyLimit, Integer walkInPlaces) {}

    static RosterResponse of(Roster roster) {
        return new RosterResponse(
                roster.doctorId(),
                roster.validFrom(),
                roster.validUntil(),
                roster.weekdays().stream()
                        .map(day -> new WorkingDay(
                                day.day().name().toLowerCase(Locale.ROOT), day.dailyLimit(), day.walkInPlaces()))
                        .toList(),
                roster.updatedAt());
    }
}
