package io.territoryos.territory.api;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.territoryos.security.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The MongoDB store cannot be reached (no server within the driver's selection timeout, a broken connection): a 503
 * that names the store and asks the caller to retry, not a 500 that looks like a defect of the request. (Each
 * service that holds a MongoDB store has this pair of type-bound shells; the answer itself is
 * {@link ApiError#unavailable}: service-security cannot name the driver's types, scoring and trigger have none.)
 */
@Provider
public class StoreUnreachableMapper implements ExceptionMapper<MongoTimeoutException> {

    @Override
    public Response toResponse(MongoTimeoutException unreachable) {
        return unavailable(unreachable);
    }

    static Response unavailable(RuntimeException unreachable) {
        return ApiError.unavailable("the MongoDB store is unreachable, retry shortly: " + unreachable.getMessage(), 5);
    }

    /** A connection to the store broke mid-request: the same answer. */
    @Provider
    public static class BrokenConnection implements ExceptionMapper<MongoSocketException> {

        @Override
        public Response toResponse(MongoSocketException broken) {
            return unavailable(broken);
        }
    }
}
