package app.clinic.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The only place where exceptions become HTTP responses, all of them in the {@link ApiError} envelope, as JSON
 * whatever the request accepts: a refused event stream ({@code Accept: text/event-stream}) still says why.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        var response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach(response::header);
        return response.body(new ApiError(e.code(), e.getMessage(), e.details()));
    }

    /** A unique constraint the service's own rules should have kept: the database stopped a race. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiError> duplicate(DuplicateKeyException e) {
        String constraint = e.getMostSpecificCause() instanceof PSQLException sql && sql.getServerErrorMessage() != null
                ? sql.getServerErrorMessage().getConstraint()
                : null;
        log.atWarn().addKeyValue("constraint", constraint).log("request stopped by a unique constraint");
        Map<String, Object> details = constraint == null ? Map.of() : Map.of("constraint", constraint);
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("Conflict", "The request conflicts with data stored meanwhile; retry it", details));
    }

    /**
     * Anything else is a bug, logged in full under the request id and answered without internals; except a
     * database that does not answer, which is no bug: 503, and the client may retry.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        var trouble = DatabaseTrouble.of(e);
        if (trouble.isPresent()) {
            // Not a bug, and while the database restarts every request would log the same trace: the cause's name.
            log.atWarn()
                    .addKeyValue(
                            "cause", DatabaseTrouble.rootCause(e).getClass().getSimpleName())
                    .log(trouble.get().getMessage());
            return refused(trouble.get());
        }
        String requestId = requestId();
        log.atError().setCause(e).log("unexpected error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(
                        "InternalError",
                        "An unexpected error occurred; quote the request id when reporting it",
                        Map.of("request_id", requestId)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(error -> details.putIfAbsent(jsonName(error), message(error)));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> details.putIfAbsent(
                        snakeCase(error.getObjectName()), String.valueOf(error.getDefaultMessage())));
        return validationFailed(details);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        e.getParameterValidationResults()
                .forEach(result -> details.putIfAbsent(
                        parameterName(result.getMethodParameter()),
                        result.getResolvableErrors().stream()
                                .map(error -> String.valueOf(error.getDefaultMessage()))
                                .collect(Collectors.joining("; "))));
        return validationFailed(details);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A refusal raised while the body was being read (the body passed the size limit), wrapped by the parser.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return ResponseEntity.status(refusal.status())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(refused(refusal).getBody());
            }
        }
        JacksonException json = jsonCause(e);
        if (json instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(JacksonException.Reference::getPropertyName)
                    .filter(name -> name != null)
                    .collect(Collectors.joining("."));
            if (!field.isEmpty()) {
                return validationFailed(Map.of(
                        field,
                        mismatch instanceof UnacceptableTextException
                                ? mismatch.getOriginalMessage()
                                : "has the wrong type" + expected(mismatch.getTargetType())));
            }
        }
        String message = json instanceof MismatchedInputException
                ? "The request body must be a JSON object"
                : json != null ? "The request body is not valid JSON" : "The request body is missing or unreadable";
        return envelope(HttpStatus.BAD_REQUEST, "MalformedRequest", message, Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException argument
                ? parameterName(argument.getParameter())
                : String.valueOf(e.getPropertyName());
        return envelope(
                HttpStatus.BAD_REQUEST,
                "InvalidParameter",
                "Parameter '" + name + "' is malformed",
                Map.of(name, "must be " + describe(e.getRequiredType())));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return envelope(
                HttpStatus.BAD_REQUEST,
                "InvalidParameter",
                "Query parameter '" + e.getParameterName() + "' is required",
                Map.of(e.getParameterName(), "is required"));
    }

    /** Spring MVC's own refusals (404 route, 405, 406, 415, …) in our envelope instead of a problem detail. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders kept = new HttpHeaders();
        kept.addAll(headers);
        kept.setContentType(MediaType.APPLICATION_JSON);
        if (body instanceof ApiError) {
            return new ResponseEntity<>(body, kept, statusCode);
        }
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        String code = status == null ? "Error" : ErrorCodes.of(status);
        String message = status == HttpStatus.NOT_FOUND ? "No such endpoint" : e.getMessage();
        return new ResponseEntity<>(new ApiError(code, message, Map.of()), kept, statusCode);
    }

    private static JacksonException jsonCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private ResponseEntity<Object> validationFailed(Map<String, Object> details) {
        return envelope(HttpStatus.BAD_REQUEST, "ValidationError", "Request validation failed", details);
    }

    private static ResponseEntity<Object> envelope(
            HttpStatus status, String code, String message, Map<String, Object> details) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code, message, details));
    }

    private static String jsonName(FieldError error) {
        return snakeCase(error.getField());
    }

    private static String message(FieldError error) {
        return String.valueOf(error.getDefaultMessage());
    }

    private static String parameterName(MethodParameter parameter) {
        var requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        var pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        return snakeCase(String.valueOf(parameter.getParameterName()));
    }

    private static String expected(Class<?> type) {
        return type == null ? "" : ": expected " + describe(type);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date as YYYY-MM-DD";
        }
        if (type == OffsetDateTime.class) {
            return "a time with its offset, as 2026-11-26T09:30:00Z";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    /** Field names in details as the wire spells them (the body's naming strategy is snake_case). */
    private static String snakeCase(String javaName) {
        return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, javaName);
    }

    static String requestId() {
        String id = MDC.get(RequestIdFilter.MDC_KEY);
        return id == null ? "unknown" : id;
    }
}
