package dev.okr.platform.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * "Now" for every rule that depends on it (health, status, phases), in UTC, ticking in microseconds:
 * the precision PostgreSQL keeps, so a timestamp reads back exactly as it was answered.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
