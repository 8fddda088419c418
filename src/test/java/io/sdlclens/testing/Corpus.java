package io.sdlclens.testing;

import java.nio.file.Path;

/** A small sdlc-studio project with known relationships, written to a real folder. */
public final class Corpus {

    private Corpus() {}

    public static Path write(String prefix) {
        Path root = Folders.create(prefix);
        Folders.write(root, "PRD.md", "# Product Requirements\n\n**Status:** Approved\n\nWhat we build and why.\n");
        Folders.write(root, "epics/EP0001-project-management.md", """
                # EP0001: Project Management

                > **Status:** In Progress
                > **Owner:** Priya

                Manage projects: register, rename and delete them.
                """);
        Folders.write(root, "epics/EP0002-sync.md", """
                # EP0002: Sync Engine

                > **Status:** Done

                Syncing documents from folders into the database.
                """);
        Folders.write(root, "stories/US0001-register.md", """
                # US0001: Register a project

                > **Status:** Done
                > **Epic:** [EP0001: Project Management](../epics/EP0001-project-management.md)
                > **Owner:** Sam
                > **Priority:** High
                > **Story Points:** 3

                Register a folder as a project. <script>alert('x')</script> & more.
                """);
        Folders.write(root, "stories/US0002-rename.md", """
                # US0002: Rename a project

                > **Status:** In Progress
                > **Epic:** EP0001
                > **Depends on:** US0001

                Renaming keeps the slug.
                """);
        Folders.write(root, "stories/US0003-sync-status.md", """
                # US0003: Show sync status

                > **Epic:** EP0002
                > **Depends on:** US0001, US0002

                The zebra status shows whether a project is syncing.
                """);
        Folders.write(root, "plans/PL0001-register.md", """
                # PL0001: Plan for registering

                > **Status:** Complete
                > **Story:** [US0001](../stories/US0001-register.md)
                > **Epic:** EP0001

                Steps to register.
                """);
        Folders.write(root, "test-specs/TS0001-projects.md", """
                # TS0001: Project tests

                > **Status:** Draft
                > **Epic:** EP0001

                Epic-level tests.
                """);
        Folders.write(root, "notes/meeting.md", "# Meeting notes\n\nNothing decided about zebra crossings.\n");
        Folders.write(
                root, "archive/epics/EP0001-project-management.md", "# EP0001: Old copy\n\n> **Status:** Draft\n");
        return root;
    }
}
