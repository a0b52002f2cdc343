package app.clinic.waitlist;

import app.clinic.web.WireEnum;

/** Where a waitlist entry stands: waiting, then offered a place, then booked, or it ends otherwise. */
enum WaitlistStatus implements WireEnum {
    WAITING,
    /** A place is held for the patient until the offer's expiry. */
    OFFERED,
    BOOKED,
    DECLINED,
    EXPIRED,
    LEFT,
    /** The doctor's day was cancelled. */
    CLOSED
}
