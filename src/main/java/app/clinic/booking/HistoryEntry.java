package app.clinic.booking;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One status change of an appointment ({@code subject} appointment) or of its queue entry (queue_entry); {@code
 * fromStatus} is null for the first status; {@code changedBy} is the user's or API client's id.
 */
record HistoryEntry(String subject, String fromStatus, String toStatus, UUID changedBy, OffsetDateTime changedAt) {}
