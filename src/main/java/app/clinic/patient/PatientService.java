package app.clinic.patient;

import app.clinic.audit.AuditTrail;
import app.clinic.web.InvalidRequestException;
import app.clinic.web.NotFoundException;
import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import app.clinic.web.RequestLog;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration and look-up of patients; the one entry point other features use. */
@Service
public class PatientService {

    private final PatientRepository patients;
    private final PhoneNumbers phoneNumbers;
    private final AuditTrail trail;

    PatientService(PatientRepository patients, PhoneNumbers phoneNumbers, AuditTrail trail) {
        this.patients = patients;
        this.phoneNumbers = phoneNumbers;
        this.trail = trail;
    }

    record Registration(Patient patient, boolean created) {}

    /**
     * Registers a patient, or returns the one already registered with the same phone and name. Families share a
     * phone, so the same phone with another name is another patient.
     */
    @Transactional
    Registration register(RegisterPatientRequest request) {
        Patient candidate = new Patient(
                UUID.randomUUID(),
                request.firstName(),
                blankToNull(request.lastName()),
                request.age(),
                e164(request.phone()),
                blankToNull(request.email()),
                null);
        String nameKey = nameKey(candidate.firstName(), candidate.lastName());
        Registration registration = patients.insertUnlessRegistered(candidate, nameKey)
                .map(created -> new Registration(created, true))
                .orElseGet(() -> new Registration(
                        patients.findByPhoneAndNameKey(candidate.phone(), nameKey)
                                .orElseThrow(),
                        false));
        RequestLog.put("patient_id", registration.patient().id());
        RequestLog.put("patient_created", registration.created());
        trail.actsOn(registration.patient().id());
        trail.concerns(registration.patient().id());
        return registration;
    }

    @Transactional(readOnly = true)
    public Patient find(UUID id) {
        Patient patient = patients.findById(id).orElseThrow(() -> new NotFoundException("Patient", id));
        trail.concerns(id);
        return patient;
    }

    @Transactional(readOnly = true)
    Page<Patient> findByPhone(String phone, PageRequest page) {
        Page<Patient> found = page.page(
                patients.findByPhone(e164(phone), page), patient -> List.of(patient.createdAt(), patient.id()));
        trail.concerns(found.items().stream().map(Patient::id).toList());
        return found;
    }

    /** For bookings: a 404 unless the patient exists. */
    @Transactional(readOnly = true)
    public void requireExists(UUID id) {
        if (!patients.exists(id)) {
            throw new NotFoundException("Patient", id);
        }
    }

    private String e164(String phone) {
        return phoneNumbers
                .toE164(phone)
                .orElseThrow(() ->
                        new InvalidRequestException("phone", "must be a possible phone number, e.g. +91 98765 43210"));
    }

    /** "John  Doe", "john doe" and "JohnDoe" are one name: case and white space do not tell patients apart. */
    static String nameKey(String firstName, String lastName) {
        String fullName = firstName + Objects.requireNonNullElse(lastName, "");
        return Normalizer.normalize(fullName, Normalizer.Form.NFKC)
                .replaceAll("\\s+", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
