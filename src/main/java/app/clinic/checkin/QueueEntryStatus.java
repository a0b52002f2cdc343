package app.clinic.checkin;

import app.clinic.web.WireEnum;

/** waiting → called → served, or called → skipped (not there) → waiting again at the end (requeue). */
enum QueueEntryStatus implements WireEnum {
    WAITING,
    CALLED,
    SERVED,
    SKIPPED
}
