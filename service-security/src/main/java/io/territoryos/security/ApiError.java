package io.territoryos.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of every refusal: {@code {"error": "forbidden", "reason": "..."}}, where {@code error} is a stable
 * word for programs and {@code reason} says why in words for people; a caller may add fields of its own.
 */
public final class ApiError {

    private ApiError() {
    }

    /** The stable word for an HTTP status: 403 → forbidden, 409 → conflict; the status' own name otherwise. */
    public static String word(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 503 -> "unavailable";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "error" : known.name().toLowerCase();
            }
        };
    }

    /** The body, with the status' reason phrase when there is no reason in words. */
    public static Map<String, Object> body(int status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", word(status));
        body.put("reason", reason != null && !reason.isBlank() ? reason : phrase(status));
        return body;
    }

    private static String phrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    public static Response response(int status, String reason) {
        return response(status, body(status, reason));
    }

    public static Response response(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** A 503 for a dependency that is away (a store starting, unreachable): the reason and when to ask again. */
    public static Response unavailable(String reason, int retryAfterSeconds) {
        return Response.fromResponse(response(503, reason)).header("Retry-After", String.valueOf(retryAfterSeconds)).build();
    }
}
