package io.territoryos.optimizer.api;

import io.territoryos.security.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request the books contradict (unknown team or rep, missing field, quota out of range) is a 400 with the reason. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException invalid) {
        return ApiError.response(400, invalid.getMessage());
    }
}
