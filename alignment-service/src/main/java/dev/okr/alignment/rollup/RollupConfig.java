package dev.okr.alignment.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "okr.alignment")
public interface RollupConfig {

    /** The default weight of an objective's own progress against its children's roll-ups (organisations may set their own). */
    @WithDefault("1")
    double ownWeight();
}
