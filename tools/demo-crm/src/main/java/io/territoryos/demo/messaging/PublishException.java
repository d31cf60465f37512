package io.territoryos.demo.messaging;

/** Publishing failed; the message names the broker, the topic and what went wrong. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
