package app.clinic.booking;

import app.clinic.web.WireEnum;

/** An appointment's state; every state but CANCELLED holds the slot. */
public enum AppointmentStatus implements WireEnum {
    BOOKED,
    CANCELLED,
    CHECKED_IN,
    COMPLETED,
    NO_SHOW
}
