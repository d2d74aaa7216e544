package dev.okr.platform.caller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "okr.auth")
public interface AuthConfig {

    /** The token claim that holds the caller's organisation id (a UUID). */
    @WithDefault("org")
    String organisationClaim();
}
