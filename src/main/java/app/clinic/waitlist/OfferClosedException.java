package app.clinic.waitlist;

import app.clinic.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An offer that is no longer open: decided already, withdrawn, or past its hold (409). */
class OfferClosedException extends ApiException {

    private OfferClosedException(String code, String message, Offer offer, String status) {
        super(HttpStatus.CONFLICT, code, message, Map.of("offer_id", offer.id(), "status", status));
    }

    static OfferClosedException closed(Offer offer, String action) {
        if (offer.status() == OfferStatus.EXPIRED) {
            return expired(offer, action);
        }
        return new OfferClosedException(
                "OfferClosed",
                "Cannot " + action + ": the offer is " + offer.status().wire(),
                offer,
                offer.status().wire());
    }

    static OfferClosedException expired(Offer offer, String action) {
        return new OfferClosedException(
                "OfferExpired",
                "Cannot " + action + ": the hold ended at " + offer.expiresAt()
                        + "; the place passes to the next in line",
                offer,
                "expired");
    }
}
