package dev.okr.platform.caller;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "okr.auth")
public interface AuthConfig {

    /** The token claim that holds the caller's organisation id (a UUID). */
    @WithDefault("org")
    String organisationClaim();

    /** The longest a token may live from its 'iat' to its 'exp', whatever its issuer allows. */
    @WithDefault("PT24H")
    Duration maxTokenLifetime();

    /** How far the issuer's clock may run ahead of ours ('iat' in the future). */
    @WithDefault("PT60S")
    Duration clockSkew();
}
