package io.territoryos.optimizer.api;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoreUnreachableMapperTest {

    @Test
    void shouldAnswer503NamingTheStoreWhenNoServerAnswersOrTheConnectionBreaks() {
        Response timedOut = new StoreUnreachableMapper().toResponse(new MongoTimeoutException("no server within 2000 ms"));
        Response broken = new StoreUnreachableMapper.BrokenConnection()
                .toResponse(new MongoSocketReadException("closed", new ServerAddress("localhost", 27017)));

        for (Response answer : new Response[]{timedOut, broken}) {
            assertThat(answer.getStatus()).isEqualTo(503);
            assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
            @SuppressWarnings("unchecked") Map<String, Object> body = (Map<String, Object>) answer.getEntity();
            assertThat(body).containsEntry("error", "unavailable");
            assertThat(body.get("reason").toString()).startsWith("the MongoDB store is unreachable, retry shortly: ");
        }
    }
}
