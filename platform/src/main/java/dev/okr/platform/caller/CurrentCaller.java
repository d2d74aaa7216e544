package dev.okr.platform.caller;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.okr.contracts.auth.TokenLifetime;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The caller of the current request, read from its verified JWT. Inject it and call {@link #get()}. */
@RequestScoped
public class CurrentCaller {

    /** The identity attribute (a UUID) by which a non-JWT authentication mechanism names the organisation. */
    public static final String ORGANISATION_ATTRIBUTE = "okr.organisation";
    /**
     * The header by which the gateway passes on the organisation of the token it verified. A service never takes
     * the organisation from it (the token it verifies itself says which), but refuses a request whose header
     * names another: a forged or stale header is a mistake worth seeing, not something to act on.
     */
    public static final String ORGANISATION_HEADER = "X-Okr-Organisation";

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final AuthConfig config;
    private final CurrentVertxRequest request;
    private final Clock clock;
    private Caller caller;

    public CurrentCaller(JsonWebToken token, SecurityIdentity identity, AuthConfig config, CurrentVertxRequest request, Clock clock) {
        this.token = token;
        this.identity = identity;
        this.config = config;
        this.request = request;
        this.clock = clock;
    }

    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    public UUID organisationId() {
        return get().organisationId();
    }

    private Caller read() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        Object attributed = identity.getAttribute(ORGANISATION_ATTRIBUTE);
        if (attributed instanceof UUID organisation) {
            // an identity made by another mechanism (an integration's API key) names its organisation itself
            return new Caller(organisation, identity.getPrincipal().getName(), identity.getRoles());
        }
        if (token == null || token.getRawToken() == null) {
            throw new UnauthorizedException();
        }
        String lifetime = TokenLifetime.problem(token.getIssuedAtTime(), token.getExpirationTime(), clock.instant(),
                config.maxTokenLifetime(), config.clockSkew());
        if (lifetime != null) {
            throw new ProblemException(401, "unauthenticated", "Unauthenticated", lifetime, null);
        }
        Object claim = token.getClaim(config.organisationClaim());
        if (claim == null) {
            throw ProblemException.forbidden("The token carries no '" + config.organisationClaim()
                    + "' claim: it must name the caller's organisation.");
        }
        UUID organisation;
        try {
            organisation = UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("The token's '" + config.organisationClaim() + "' claim is not an organisation id (a UUID).");
        }
        var current = request.getCurrent();
        String passedOn = current == null ? null : current.request().getHeader(ORGANISATION_HEADER);
        if (passedOn != null && !passedOn.equalsIgnoreCase(organisation.toString())) {
            throw ProblemException.forbidden("The " + ORGANISATION_HEADER + " header names another organisation than your token; "
                    + "it is set by the gateway from the token, so do not send it yourself.");
        }
        return new Caller(organisation, token.getSubject(), identity.getRoles());
    }
}
