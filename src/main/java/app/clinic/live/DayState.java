package app.clinic.live;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A day as one consistent read saw it (at {@link #snapshot}), and what each audience is shown of it: built once
 * per change of the day, then once per (doctor, audience) that someone is subscribed to, never once per stream.
 *
 * @param rows the appointments with their patients, if a staff stream follows the day
 * @param boards the board's counts per doctor, if a screen follows the day
 */
record DayState(LocalDate date, Snapshot snapshot, List<Row> rows, List<Board> boards) {
    /** An appointment of the day with its doctor, patient and queue entry; a doctor without any has only the first four. */
    record Row(
            UUID doctorId,
            String doctorName,
            String doctorCode,
            String specialty,
            UUID appointmentId,
            Integer slot,
            String status,
            UUID patientId,
            String firstName,
            String lastName,
            String phone,
            Integer age,
            UUID queueEntryId,
            Integer position,
            String queueStatus,
            OffsetDateTime checkedInAt) {}

    /** A doctor's board, and whether the doctor has appointments that day (else it is shown only when asked for). */
    record Board(DisplayBoardResponse.DoctorBoard board, boolean hasAppointments) {}

    /** The seed's day for the WebSocket and the staff's stream: patient fields only where the audience may see them. */
    QueueDay queueDay(UUID doctorFilter, Audience audience, Instant now) {
        List<QueueDay.DoctorQueue> doctors = new ArrayList<>();
        int total = 0;
        for (List<Row> doctorRows : byDoctor(doctorFilter).values()) {
            Row first = doctorRows.get(0);
            if (doctorFilter == null && first.appointmentId() == null) {
                continue; // followed alone by another stream, without appointments: not part of the day
            }
            boolean showsPatients = audience.showsPatientsOf(first.doctorId());
            List<QueueDay.AppointmentItem> appointments = doctorRows.stream()
                    .filter(row -> row.appointmentId() != null)
                    .map(row -> new QueueDay.AppointmentItem(
                            row.appointmentId(),
                            row.slot(),
                            row.status(),
                            showsPatients ? QueueDay.PatientItem.of(row) : null,
                            row.queueEntryId() == null
                                    ? null
                                    : new QueueDay.QueueItem(
                                            row.queueEntryId(), row.position(), row.checkedInAt(), row.queueStatus())))
                    .toList();
            total += appointments.size();
            doctors.add(new QueueDay.DoctorQueue(
                    new QueueDay.DoctorInfo(
                            first.doctorId(), first.doctorName(), first.doctorCode(), first.specialty()),
                    appointments,
                    appointments.size(),
                    (int) appointments.stream()
                            .filter(item -> item.queue() != null)
                            .count()));
        }
        return new QueueDay(date, total, doctors.size(), doctors, now);
    }

    /** The waiting-room board: each doctor with appointments that day, or the one asked for, with or without. */
    DisplayBoardResponse board(UUID doctorFilter) {
        return new DisplayBoardResponse(
                date,
                boards.stream()
                        .filter(board -> doctorFilter == null
                                ? board.hasAppointments()
                                : doctorFilter.equals(board.board().doctorId()))
                        .map(Board::board)
                        .toList());
    }

    /** The patients whose fields {@code day} shows. */
    static List<UUID> patientsShown(QueueDay day) {
        return day.doctors().stream()
                .flatMap(doctor -> doctor.appointments().stream())
                .map(QueueDay.AppointmentItem::patient)
                .filter(Objects::nonNull)
                .map(QueueDay.PatientItem::id)
                .distinct()
                .toList();
    }

    /** The rows by doctor, in the query's order (doctor name, then token). */
    private Map<UUID, List<Row>> byDoctor(UUID doctorFilter) {
        Map<UUID, List<Row>> doctors = new LinkedHashMap<>();
        for (Row row : rows) {
            if (doctorFilter == null || doctorFilter.equals(row.doctorId())) {
                doctors.computeIfAbsent(row.doctorId(), id -> new ArrayList<>()).add(row);
            }
        }
        return doctors;
    }
}
