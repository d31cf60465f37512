package io.territoryos.contracts.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterProductionExceptionHandlerTest {

    private final DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();

    @Test
    void shouldSkipADeadLetterTheBrokerRefusesAndCountIt() {
        long before = DeadLetterProductionExceptionHandler.droppedDeadLetters();

        var response = handler.handle(null, new ProducerRecord<>("crm.accounts.dlq", new byte[1], new byte[1]),
                new RecordTooLargeException("too large"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(DeadLetterProductionExceptionHandler.droppedDeadLetters()).isEqualTo(before + 1);
    }

    @Test
    void shouldKeepFailingForAMainOutputSoThatNoResultIsDropped() {
        var response = handler.handle(null, new ProducerRecord<>("accounts.scored", new byte[1], new byte[1]),
                new RecordTooLargeException("too large"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    @Test
    void shouldRetryADeadLetterWhileTheBrokerIsAway() {
        var response = handler.handle(null, new ProducerRecord<>("crm.reps.dlq", new byte[1], new byte[1]),
                new TimeoutException("broker away"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.RETRY);
    }

    @Test
    void shouldSkipADeadLetterThatCannotBeSerialized() {
        var response = handler.handleSerializationException(null, new ProducerRecord<>("crm.reps.dlq", "k", "v"),
                new IllegalStateException("boom"), null);

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    }
}
