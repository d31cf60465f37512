package io.territoryos.optimizer.api;

import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.security.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** A refused decision is the checker's answer, with the reason: 403 self-approval, 404 unknown, 409 stale, decided or superseded (naming the newer proposal). */
@Provider
public class DecisionRefusedMapper implements ExceptionMapper<DecisionRefused> {

    @Override
    public Response toResponse(DecisionRefused refused) {
        Response.Status status = switch (refused.refusal()) {
            case NO_CHECKER, SELF_DECISION -> Response.Status.FORBIDDEN;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case NOT_PENDING, STALE, SUPERSEDED -> Response.Status.CONFLICT;
        };
        Map<String, Object> body = ApiError.body(status.getStatusCode(), refused.getMessage());
        body.put("refused", refused.refusal().name());
        return ApiError.response(status.getStatusCode(), body);
    }
}
