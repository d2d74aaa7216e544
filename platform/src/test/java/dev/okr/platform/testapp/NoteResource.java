package dev.okr.platform.testapp;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A tiny API over {@link Note} that exercises the platform: caller, problems, outbox. */
@Path("/test/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoteResource {

    static final String TOPIC = "okr.test.notes.v1";

    public record NoteRequest(@NotBlank @Size(max = 200) String text, @NotNull @DecimalMin("0.01") Double weight) {
    }

    public record NoteView(UUID id, UUID organisationId, String text, long version) {
        static NoteView of(Note n) {
            return new NoteView(n.id, n.organisationId, n.text, n.version);
        }
    }

    public record Tally(UUID noteId, int applied) {
    }

    private final CurrentCaller caller;
    private final Outbox outbox;

    public NoteResource(CurrentCaller caller, Outbox outbox) {
        this.caller = caller;
        this.outbox = outbox;
    }

    @POST
    @RolesAllowed("member")
    @WithTransaction
    public Uni<NoteView> create(@Valid @NotNull NoteRequest request, @QueryParam("failAfterRecording") boolean fail) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.organisationId = caller.organisationId();
        note.text = request.text();
        return note.<Note>persistAndFlush()
                .chain(saved -> outbox.record(TOPIC, "dev.okr.test.note.created",
                        saved.organisationId, saved.id, NoteView.of(saved)))
                .map(event -> {
                    if (fail) {
                        throw new IllegalStateException("failing on purpose after recording the event");
                    }
                    return NoteView.of(note);
                });
    }

    /** Holds a database connection for a while (the crowded-database test). */
    @GET
    @Path("/slow")
    @RolesAllowed("member")
    @WithSession
    public Uni<String> slow() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select cast(pg_sleep(0.3) as text)", String.class).getSingleResult())
                .map(ignored -> "done");
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("viewer")
    @WithSession
    public Uni<NoteView> get(UUID id) {
        UUID org = caller.organisationId();
        return Note.<Note>findById(id)
                .map(n -> {
                    if (n == null || !n.organisationId.equals(org)) {
                        throw ProblemException.notFound("note", id);
                    }
                    return NoteView.of(n);
                });
    }

    @GET
    @Path("/{id}/tally")
    @RolesAllowed("viewer")
    @WithSession
    public Uni<Tally> tally(UUID id) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("select applied from note_tally where note_id = :id", Integer.class)
                        .setParameter("id", id).getSingleResultOrNull())
                .map(applied -> new Tally(id, applied == null ? 0 : applied));
    }
}
