package io.sdlclens.sample;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sample project dev mode registers on an empty database. */
@ConfigMapping(prefix = "sdlc-lens.dev")
public interface SampleProjectConfig {

    /** Register and sync the sample folder when dev mode starts with no projects (dev mode only, never prod/test). */
    @WithDefault("false")
    boolean sampleProject();

    /** The sample sdlc-studio folder; a relative path is looked up from the project directory. */
    @WithDefault("src/sample/sdlc-studio")
    String samplePath();
}
