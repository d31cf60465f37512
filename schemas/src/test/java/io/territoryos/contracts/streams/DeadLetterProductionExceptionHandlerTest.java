package io.territoryos.contracts.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import io.territoryos.contracts.LetterBound;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterProductionExceptionHandlerTest {

    private final LetterBound bound = new LetterBound(900_000);
    private final DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler(bound);

    @Test
    void shouldLowerTheLetterBoundWhenTheBrokerRefusesALetterAndLetTheThreadBeReplaced() {
        long before = DeadLetterProductionExceptionHandler.refusedDeadLetters();
        while (DeadLetterProductionExceptionHandler.takeReplacement()) {
            // grants left by other tests
        }

        var response = handler.handle(null, new ProducerRecord<>("crm.accounts.dlq", new byte[1], new byte[400_260]),
                new RecordTooLargeException("too large"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(bound.bytes()).isEqualTo(50_032);
        assertThat(DeadLetterProductionExceptionHandler.refusedDeadLetters()).isEqualTo(before + 1);
        assertThat(new DeadLetterRefusalPolicy().handle(new IllegalStateException("commit failed")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(new DeadLetterRefusalPolicy().handle(new IllegalStateException("the next failure")))
                .as("a replacement is granted once per lowering").isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldStopTheClientWhenTheTopicRefusesALetterThatCopiesNothing() {
        LetterBound nothing = new LetterBound(0);
        while (DeadLetterProductionExceptionHandler.takeReplacement()) {
            // grants left by other tests
        }

        var response = new DeadLetterProductionExceptionHandler(nothing).handle(null,
                new ProducerRecord<>("crm.accounts.dlq", new byte[1], new byte[300]), new RecordTooLargeException("too large"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(nothing.bytes()).isZero();
        assertThat(new DeadLetterRefusalPolicy().handle(new IllegalStateException("commit failed")))
                .as("no cut can make it fit: a configuration error, not a record's").isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
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
