package app.clinic.notify;

import app.clinic.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A replay of a delivery that is still on its way, or was delivered. */
class DeliveryNotFinishedException extends ApiException {

    DeliveryNotFinishedException(DeliveryRepository.Delivery delivery) {
        super(
                HttpStatus.CONFLICT,
                "DeliveryNotFinished",
                "Only a failed or cancelled delivery can be replayed; this one is " + delivery.status(),
                Map.of("delivery_id", delivery.id(), "status", delivery.status()));
    }
}
