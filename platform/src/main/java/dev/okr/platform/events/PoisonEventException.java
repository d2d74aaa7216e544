package dev.okr.platform.events;

/** A record that cannot be decoded as a CloudEvent: it goes to the channel's dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
