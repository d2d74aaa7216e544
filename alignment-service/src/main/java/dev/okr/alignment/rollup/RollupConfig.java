package dev.okr.alignment.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "okr.alignment")
public interface RollupConfig {

    /** The weight of an objective's own progress against its aligned children's roll-ups. */
    @WithDefault("1")
    double ownWeight();
}
