package app.clinic.booking;

/** A booked appointment, and whether it was booked by an earlier request with the same idempotency key. */
record Booking(Appointment appointment, boolean replayed) {

    static Booking created(Appointment appointment) {
        return new Booking(appointment, false);
    }

    static Booking replayed(Appointment appointment) {
        return new Booking(appointment, true);
    }
}
