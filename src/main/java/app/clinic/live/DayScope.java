package app.clinic.live;

import java.util.Set;
import java.util.UUID;

/**
 * What a read of a day must cover for the streams that follow it: every doctor with appointments
 * ({@code wholeDay}) or only {@code doctors}; the appointments with their patients ({@code rows}, for the staff)
 * and the board's counts ({@code boards}, for the screens).
 */
record DayScope(boolean wholeDay, Set<UUID> doctors, boolean rows, boolean boards) {}
