package io.territoryos.scoring.api;

import io.territoryos.security.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** While Kafka Streams starts or rebalances its stores cannot be read: ask the caller to retry. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<InvalidStateStoreException> {

    @Override
    public Response toResponse(InvalidStateStoreException e) {
        return ApiError.unavailable("scoring state not queryable yet: " + e.getMessage(), 1);
    }
}
