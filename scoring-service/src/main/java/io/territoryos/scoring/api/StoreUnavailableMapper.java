package io.territoryos.scoring.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** While Kafka Streams starts or rebalances its stores cannot be read: ask the caller to retry. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<InvalidStateStoreException> {

    @Override
    public Response toResponse(InvalidStateStoreException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .entity("scoring state not queryable yet: " + e.getMessage()).build();
    }
}
