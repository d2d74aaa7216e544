package dev.okr.gateway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's recent events and the streams open on it. Each event goes to every open stream whose filter
 * accepts it, and is kept in a ring of the last {@code capacity} events so a client that was away for a moment
 * can resume after the last event it saw ({@code Last-Event-ID}). Subscribing and replaying happen under the
 * same lock as publishing, so a resuming stream neither misses nor repeats an event.
 */
public final class EventHub {

    /** Where the stream's events go: its filter, and a way to hand it an event (which must not block). */
    public interface Subscriber {
        StreamFilter filter();

        void send(StreamEvent event);
    }

    /** What a new stream is owed: the events after its Last-Event-ID, or {@code resumed = false} when that id is gone. */
    public record Replay(boolean resumed, List<StreamEvent> events) {
    }

    private final int capacity;
    private final ArrayDeque<StreamEvent> recent;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public EventHub(int capacity) {
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void publish(StreamEvent event) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(event);
        for (Subscriber subscriber : subscribers) {
            if (subscriber.filter().accepts(event)) {
                subscriber.send(event);
            }
        }
    }

    /**
     * Opens a stream. With a {@code lastEventId}, the accepted events after it are returned to be sent first;
     * if the id is not among the recent events (too old, or never seen by this gateway), {@code resumed} is false
     * and the client should reload what it shows.
     */
    public synchronized Replay subscribe(Subscriber subscriber, String lastEventId) {
        subscribers.add(subscriber);
        if (lastEventId == null) {
            return new Replay(true, List.of());
        }
        List<StreamEvent> after = new ArrayList<>();
        Iterator<StreamEvent> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext()) {
            StreamEvent event = newestFirst.next();
            if (event.id().equals(lastEventId)) {
                Collections.reverse(after);
                return new Replay(true, after);
            }
            if (subscriber.filter().accepts(event)) {
                after.add(event);
            }
        }
        return new Replay(false, List.of());
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public int openStreams() {
        return subscribers.size();
    }
}
