package app.clinic.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

@Tag(name = "Live queue")
@RestController
class LiveController {

    private static final String STREAM_TOKEN = "A browser's EventSource cannot send headers: the token may come as"
            + " ?access_token= instead, on this route only (it never reaches a log line).";

    private final LiveStreams streams;

    LiveController(LiveStreams streams) {
        this.streams = streams;
    }

    @Operation(
            summary = "A day's appointments and queue, live (Server-Sent Events)",
            description = "Events are {\"type\": \"snapshot\" | \"update\", \"data\": …}, data as on the WebSocket"
                    + " /api/v1/ws/queue: every appointment with its patient and queue entry, patient null where"
                    + " the caller may not see it (a doctor sees their own patients). Each event's id is the"
                    + " database snapshot it was read at: reconnect with Last-Event-ID to get an update if you"
                    + " missed changes, nothing if you did not, a snapshot if the events you missed are pruned."
                    + " A comment line every LIVE_HEARTBEAT_INTERVAL keeps the connection alive. date defaults"
                    + " to today. " + STREAM_TOKEN)
    @ApiResponse(responseCode = "200", description = "The stream")
    @ApiResponse(responseCode = "403", description = "Forbidden: another doctor's doctor_id")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @ApiResponse(responseCode = "429", description = "TooManyStreams: MAX_STREAMS_PER_PRINCIPAL open already")
    @GetMapping("/api/v1/queue/events")
    ResponseEntity<ResponseBodyEmitter> queueEvents(
            @RequestParam(name = "date", required = false) LocalDate date,
            @RequestParam(name = "doctor_id", required = false) UUID doctorId,
            @Parameter(description = "The id of the last event received, sent by EventSource when it reconnects")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            HttpServletRequest request) {
        return eventStream(streams.queueEvents(date, doctorId, lastEventId, request.getRemoteAddr()));
    }

    @Operation(
            summary = "The waiting-room board, live (Server-Sent Events)",
            description = "Events are {\"type\": \"snapshot\" | \"update\", \"data\": …}, data as GET"
                    + " /api/v1/display/board: tokens and counts, no patient data. Last-Event-ID and heartbeats as"
                    + " on /api/v1/queue/events. " + STREAM_TOKEN)
    @ApiResponse(responseCode = "200", description = "The stream")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @ApiResponse(responseCode = "429", description = "TooManyStreams: MAX_STREAMS_PER_PRINCIPAL open already")
    @GetMapping("/api/v1/display/events")
    ResponseEntity<ResponseBodyEmitter> displayEvents(
            @RequestParam(name = "date", required = false) LocalDate date,
            @RequestParam(name = "doctor_id", required = false) UUID doctorId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request) {
        return eventStream(streams.displayEvents(date, doctorId, lastEventId, request.getRemoteAddr()));
    }

    /** An event stream, which a proxy must pass on as it comes rather than buffer (nginx reads the header). */
    private static ResponseEntity<ResponseBodyEmitter> eventStream(ResponseBodyEmitter events) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("X-Accel-Buffering", "no")
                .body(events);
    }

    @Operation(
            summary = "Waiting-room board: per doctor, the token being served, the next tokens and counts",
            description = "No patient's name, phone or id, and no appointment id: any role may show it, a display"
                    + " screen included. booked counts the tokens given out. Without doctor_id, every doctor with appointments that day. date defaults to"
                    + " today.")
    @ApiResponse(responseCode = "200", description = "The board")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping(path = "/api/v1/display/board", produces = MediaType.APPLICATION_JSON_VALUE)
    DisplayBoardResponse board(
            @RequestParam(name = "date", required = false) LocalDate date,
            @RequestParam(name = "doctor_id", required = false) UUID doctorId) {
        return streams.board(date, doctorId);
    }
}
