package app.clinic.waitlist;

import app.clinic.web.WireEnum;

enum OfferStatus implements WireEnum {
    OPEN,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    /** The patient left the waitlist, or the doctor's day was cancelled. */
    WITHDRAWN
}
