package dev.okr.alignment.person;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.alignment.person.People.Person;
import dev.okr.alignment.person.People.PersonDetail;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/people")
@Tag(name = "people", description = "The organisation's people as its units know them")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    /** A person's id is a token's subject: at most this long, as a unit's members are. */
    static final int MAX_ID = 200;

    private final People people;
    private final CurrentCaller caller;

    public PeopleResource(People people, CurrentCaller caller) {
        this.people = people;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listPeople", summary = "List the organisation's people", description = "Everyone who leads or belongs to an "
            + "active org unit, by id, with those units. Someone in no unit is not listed here (their own objectives still show in "
            + "GET /api/v1/people/{id}).")
    @APIResponse(responseCode = "200", description = "A page of people")
    @APIResponse(responseCode = "400", description = "limit or cursor out of range")
    public Uni<Page<Person>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        return people.page(caller.organisationId(), decode(cursor), size + 1).map(rows -> {
            boolean more = rows.size() > size;
            List<Person> shown = more ? rows.subList(0, size) : rows;
            return new Page<>(shown, more ? encode(shown.get(shown.size() - 1).id()) : null);
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getPerson", summary = "A person with their units and objectives", description = "Their units (as lead or "
            + "member) and the objectives they own (not archived; in one cycle with cycleId), as alignment knows them: an objective "
            + "created a moment ago shows within seconds.")
    @APIResponse(responseCode = "200", description = "The person")
    @APIResponse(responseCode = "400", description = "cycleId is not an id")
    @APIResponse(responseCode = "404", description = "No unit and no objective of the organisation knows this person")
    public Uni<PersonDetail> get(@Parameter(description = "Their user id (a token's subject)") @PathParam("id") String id,
            @QueryParam("cycleId") String cycleId) {
        if (id.isBlank() || id.length() > MAX_ID || id.indexOf('\u0000') >= 0) {
            throw ProblemException.notFound("person", "like that (a user id has 1 to " + MAX_ID + " characters, none of them NUL)");
        }
        return people.get(caller.organisationId(), id, QueryParams.uuid("cycleId", cycleId));
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (id.isEmpty() || id.length() > MAX_ID || id.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException(id);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "not a cursor this API returned; start again without it");
        }
    }
}
