package dev.okr.gateway.stream;

import java.util.Set;

/**
 * One change as the stream sends it: {@code id} is the CloudEvent's id (what a client sends back as
 * {@code Last-Event-ID}), {@code name} the SSE event name ({@code objective}, {@code kpi}, {@code rollup}…),
 * {@code data} the JSON sent, and {@code objectiveIds}, {@code kpiIds}, {@code unitIds} what it is about,
 * for the stream's filters. It belongs to {@code organisation} only.
 */
public record StreamEvent(String id, String name, String organisation, String data, Set<String> objectiveIds,
        Set<String> kpiIds, Set<String> unitIds) {

    /** The event in the {@code text/event-stream} format: id, event name, one data line (the JSON has no newlines). */
    public String toSse() {
        return "id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n";
    }
}
