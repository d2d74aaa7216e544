package dev.okr.platform.caller;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service that would accept tokens without checking where they come from: the
 * issuer, the audience and a verification key (or JWKS location) must be configured. There are no
 * default keys; the local stack passes its development key through the environment.
 */
@ApplicationScoped
public class TokenVerificationCheck {

    void check(@Observes StartupEvent event, Config config) {
        List<String> missing = new ArrayList<>();
        if (config.getOptionalValue("mp.jwt.verify.issuer", String.class).isEmpty()) {
            missing.add("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER)");
        }
        if (config.getOptionalValue("mp.jwt.verify.audiences", String.class).isEmpty()) {
            missing.add("mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES)");
        }
        if (config.getOptionalValue("mp.jwt.verify.publickey", String.class).isEmpty()
                && config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isEmpty()) {
            missing.add("mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION: a PEM file or a JWKS URL)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Token verification is not configured; set " + String.join(", ", missing));
        }
    }
}
