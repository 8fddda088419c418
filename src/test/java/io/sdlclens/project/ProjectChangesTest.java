package io.sdlclens.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.sdlclens.project.ProjectChanges.Change;
import io.sdlclens.project.ProjectChanges.Kind;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The notification payloads as migration V10's trigger writes them, and anything else as a reset. */
class ProjectChangesTest {

    @Test
    void payloadsOfTheTrigger() {
        UUID run = UUID.randomUUID();
        assertThat(ProjectChanges.parse("{\"kind\" : \"project\", \"slug\" : \"a\", \"run_id\" : null}"))
                .isEqualTo(new Change(Kind.PROJECT, "a", null));
        assertThat(ProjectChanges.parse("{\"kind\" : \"project-deleted\", \"slug\" : \"a\", \"run_id\" : null}"))
                .isEqualTo(new Change(Kind.PROJECT_DELETED, "a", null));
        assertThat(ProjectChanges.parse("{\"kind\" : \"run\", \"slug\" : \"a\", \"run_id\" : \"" + run + "\"}"))
                .isEqualTo(new Change(Kind.RUN, "a", run));
        assertThat(ProjectChanges.parse("{\"kind\" : \"heartbeat\", \"slug\" : \"a\", \"run_id\" : null}"))
                .isEqualTo(new Change(Kind.HEARTBEAT, "a", null));
        assertThat(ProjectChanges.parse("{\"kind\" : \"reset\", \"slug\" : null, \"run_id\" : null}"))
                .isEqualTo(new Change(Kind.RESET, null, null));
    }

    @Test
    void anythingElseIsAReset() {
        assertThat(ProjectChanges.parse("")).isEqualTo(new Change(Kind.RESET, null, null)); // V3's payload
        assertThat(ProjectChanges.parse("not json")).isEqualTo(new Change(Kind.RESET, null, null));
        assertThat(ProjectChanges.parse("{\"kind\" : \"run\", \"slug\" : \"a\", \"run_id\" : \"x\"}"))
                .isEqualTo(new Change(Kind.RESET, null, null));
        assertThat(ProjectChanges.parse("{\"kind\" : \"something new\", \"slug\" : \"a\"}")
                        .kind())
                .isEqualTo(Kind.RESET);
    }
}
