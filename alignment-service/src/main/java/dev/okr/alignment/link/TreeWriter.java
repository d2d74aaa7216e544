package dev.okr.alignment.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.okr.alignment.rollup.Rollups;
import dev.okr.platform.problem.ProblemException;

/**
 * The alignment tree under an objective as JSON ({@code AlignedObjective}), written with a streaming generator
 * straight from the objectives and links read, without building the tree as objects first. An objective with
 * two parents appears under both; children come in the order of their ids; archived children are left out
 * with what lies only under them. A tree may hold at most {@link #MAX_PLACES} places: an alignment graph where
 * objectives share many parents grows with every level, and is then asked for with fewer levels.
 */
final class TreeWriter {

    static final int MAX_PLACES = 100_000;

    /** One objective of the tree, as alignment-service knows it. */
    record Objective(UUID id, String title, String ownerType, String ownerId, String status, Double progress, String health,
            double rollup) {
    }

    /** A link from a parent to a child, with its weight. */
    record Link(UUID parentId, UUID childId, double weight) {
    }

    private final Map<UUID, Objective> objectives;
    private final Map<UUID, List<Link>> childrenOf = new HashMap<>();
    private final Map<String, Long> placesBelow = new HashMap<>();
    private final int links;

    TreeWriter(Map<UUID, Objective> objectives, List<Link> links) {
        this.objectives = objectives;
        this.links = links.size();
        for (Link link : links) {
            Objective child = objectives.get(link.childId());
            if (child != null && !"ARCHIVED".equals(child.status())) {
                childrenOf.computeIfAbsent(link.parentId(), k -> new ArrayList<>()).add(link);
            }
        }
        Comparator<Link> byChildId = Comparator.comparing(link -> link.childId().toString());
        childrenOf.values().forEach(children -> children.sort(byChildId));
    }

    /**
     * How many places the tree under {@code id} down to {@code levels} more levels holds, itself included. With
     * fewer links than objectives, no objective has two parents here: the tree holds each objective once at most.
     */
    long places(UUID id, int levels) {
        if (links < objectives.size()) {
            return count(id, levels);
        }
        return placesBelow(id, levels);
    }

    private long count(UUID id, int levels) {
        long places = 1;
        if (levels > 0) {
            for (Link link : childrenOf.getOrDefault(id, List.of())) {
                places += count(link.childId(), levels - 1);
            }
        }
        return places;
    }

    private long placesBelow(UUID id, int levels) {
        if (levels == 0) {
            return 1;
        }
        String at = id + "/" + levels;
        Long known = placesBelow.get(at);
        if (known != null) {
            return known;
        }
        long places = 1;
        for (Link link : childrenOf.getOrDefault(id, List.of())) {
            places = Math.min(places + placesBelow(link.childId(), levels - 1), Long.MAX_VALUE / 2);
        }
        placesBelow.put(at, places);
        return places;
    }

    /** The tree under {@code rootId} down to {@code depth} levels, as UTF-8 JSON. */
    byte[] write(JsonFactory json, UUID rootId, int depth) {
        long places = places(rootId, depth);
        if (places > MAX_PLACES) {
            throw ProblemException.invalid("depth", "the tree under this objective down to " + depth + " levels has more than "
                    + MAX_PLACES + " places (objectives with several parents appear under each): ask for fewer levels");
        }
        // an objective takes about 200 bytes of JSON: one allocation for most trees
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(places * 224 + 256, 64L << 20));
        try (JsonGenerator g = json.createGenerator(out)) {
            write(g, objectives.get(rootId), null, depth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator g, Objective o, Double weight, int levels) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", o.id().toString());
        g.writeStringField("title", o.title());
        g.writeObjectFieldStart("owner");
        g.writeStringField("type", o.ownerType());
        g.writeStringField("id", o.ownerId());
        g.writeEndObject();
        g.writeStringField("status", o.status());
        g.writeFieldName("progress");
        if (o.progress() == null) {
            g.writeNull();
        } else {
            g.writeNumber(Rollups.shown(o.progress()));
        }
        g.writeStringField("health", o.health());
        g.writeNumberField("rollupProgress", Rollups.shown(o.rollup()));
        g.writeFieldName("weight");
        if (weight == null) {
            g.writeNull();
        } else {
            g.writeNumber(weight);
        }
        g.writeArrayFieldStart("children");
        if (levels > 0) {
            for (Link link : childrenOf.getOrDefault(o.id(), List.of())) {
                write(g, objectives.get(link.childId()), link.weight(), levels - 1);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
