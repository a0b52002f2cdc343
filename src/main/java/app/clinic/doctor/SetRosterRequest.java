package app.clinic.doctor;

import app.clinic.config.ClinicProperties;
import app.clinic.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

record SetRosterRequest(
        @NotNull LocalDate validFrom,

        @Schema(description = "The last day the roster applies; null or left out for no end")
        LocalDate validUntil,

        @Schema(description = "The weekdays the doctor works; a weekday left out is a day off") @NotNull @Size(max = 7)
        List<@Valid @NotNull WorkingDay> weekdays) {

    record WorkingDay(
            @Schema(allowableValues = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
            @NotNull
            String weekday,

            @Schema(description = "null: the doctor's own limit, else the clinic's")
            @Min(1)
            @Max(ClinicProperties.MAX_DAILY_CAPACITY)
            Integer dailyLimit,

            @Schema(description = "null: the doctor's own walk-in places")
            @Min(0)
            @Max(ClinicProperties.MAX_DAILY_CAPACITY)
            Integer walkInPlaces) {}

    /** The roster it asks for; a period that ends before it starts, or a weekday named twice, is refused. */
    Roster toRoster(UUID doctorId) {
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new InvalidRequestException("valid_until", "must not be before valid_from");
        }
        Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
        List<Roster.Weekday> days = weekdays.stream()
                .map(day -> {
                    DayOfWeek weekday = weekday(day.weekday());
                    if (!seen.add(weekday)) {
                        throw new InvalidRequestException("weekdays", day.weekday() + " is given twice");
                    }
                    return new Roster.Weekday(weekday, day.dailyLimit(), day.walkInPlaces());
                })
                .sorted(Comparator.comparing(Roster.Weekday::day))
                .toList();
        return new Roster(doctorId, validFrom, validUntil, days, null);
    }

    private static DayOfWeek weekday(String name) {
        try {
            return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notADay) {
            throw new InvalidRequestException("weekdays", "'" + name + "' is not a weekday: monday to sunday");
        }
    }
}
