package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentIdentityTest {

    @ParameterizedTest(name = "{0} -> {1} / {2} / {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                // the spec's table
                "epics/EP0001-project-management.md, epic, EP0001-project-management, EP0001",
                "stories/US-01JQK3F8-story.md, story, US-01JQK3F8-story, US01JQK3F8",
                "stories/EP0001-overview.md, epic, EP0001-overview, EP0001",
                "stories/US001-short.md, story, US001-short, null",
                "plans/PL-answered.md, plan, PL-answered, null",
                "PRD.md, prd, prd, null",
                "personas/seats/priya-nair.md, persona, priya-nair, null",
                "reviews/personas/x.md, review, x, null",
                "sprints/notes.md, other, notes, null",
                // the ref_id examples
                "stories/US-01JQK3F8-x.md, story, US-01JQK3F8-x, US01JQK3F8",
                "change-requests/CR-0003-token.md, cr, CR-0003-token, CR0003",
            })
    void specExamples(String path, String type, String docId, String refId) {
        assertThat(DocumentIdentity.infer(path)).isEqualTo(new DocumentIdentity(type, docId, refId));
    }

    @ParameterizedTest(name = "{0} -> {1} / {2} / {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                // step 1: id head, any folder, prefix case-insensitive, doc_id keeps its case
                "US0001.md, story, US0001, US0001",
                "docs/misc/rfc-0012-api.md, rfc, rfc-0012-api, RFC0012",
                "bugs/BG0003-crash.md, bug, BG0003-crash, BG0003",
                "retros/RETRO0001-q1.md, retro, RETRO0001-q1, RETRO0001",
                "reviews/RV0002-code.md, review, RV0002-code, RV0002",
                "workflows/WF0001-release.md, workflow, WF0001-release, WF0001",
                "test-specs/TS0001-login.md, test-spec, TS0001-login, TS0001",
                "epics/EPIC0001.md, epic, EPIC0001, null",
                // step 2: singleton stems, case-insensitive, any folder; they beat step 3
                "trd.md, trd, trd, null",
                "docs/TSD.md, tsd, tsd, null",
                "product/PVD.md, pvd, pvd, null",
                "Personas.md, personas, personas, null",
                "decisions.md, decisions, decisions, null",
                "constitution.md, constitution, constitution, null",
                "Brand-Guide.md, brand-guide, brand-guide, null",
                "epics/prd.md, prd, prd, null",
                // step 3: outermost known folder
                "epics/overview.md, epic, overview, null",
                "stories/archive/_old.md, story, _old, null",
                "plans/x.md, plan, x, null",
                "test-specs/x.md, test-spec, x, null",
                "bugs/x.md, bug, x, null",
                "change-requests/x.md, cr, x, null",
                "rfcs/x.md, rfc, x, null",
                "workflows/x.md, workflow, x, null",
                "retros/x.md, retro, x, null",
                "reviews/x.md, review, x, null",
                "decisions/0001-use-postgres.md, decision, 0001-use-postgres, null",
                "personas/priya.md, persona, priya, null",
                "product/vision.md, pvd, vision, null",
                "docs/sdlc/epics/notes.md, epic, notes, null",
                "Epics/notes.md, epic, notes, null",
                // step 4
                "README.md, other, README, null",
                "notes.v2.md, other, notes.v2, null",
                "epics.md, other, epics, null",
                "sprints/epics-plan.md, other, epics-plan, null",
                "docs/ünïcode # notes.md, other, ünïcode # notes, null",
                ".hidden.md, other, .hidden, null",
            })
    void inferenceOrder(String path, String type, String docId, String refId) {
        assertThat(DocumentIdentity.infer(path)).isEqualTo(new DocumentIdentity(type, docId, refId));
    }

    @Test
    void rejectsAPathWithoutAFileName() {
        assertThatThrownBy(() -> DocumentIdentity.infer("")).isInstanceOf(IllegalArgumentException.class);
    }
}
