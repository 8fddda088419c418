package io.sdlclens.system;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sdlclens.connection.ConnectionViews;
import io.sdlclens.connection.GitHubRepository;
import io.sdlclens.document.DocumentViews;
import io.sdlclens.error.ErrorBody;
import io.sdlclens.project.ProjectRequests;
import io.sdlclens.project.ProjectView;
import io.sdlclens.search.SearchResource;
import io.sdlclens.stats.HealthCheckResource;
import io.sdlclens.stats.HealthSummary;
import io.sdlclens.stats.StatsService;
import io.sdlclens.sync.FileError;
import io.sdlclens.sync.SyncResource;
import io.sdlclens.sync.SyncRunView;

/**
 * Every type Jackson reads or writes, in one list, so a native image can (de)serialise them: the build only
 * registers what resource signatures name directly, not records nested in lists and pages.
 */
@RegisterForReflection(
        targets = {
            ErrorBody.class,
            ErrorBody.Detail.class,
            ProjectRequests.Create.class,
            ProjectRequests.Update.class,
            ProjectView.class,
            SyncRunView.class,
            FileError.class,
            SyncResource.SyncStarted.class,
            DocumentViews.Summary.class,
            DocumentViews.Page.class,
            DocumentViews.Detail.class,
            DocumentViews.Related.class,
            DocumentViews.Relations.class,
            SearchResource.Item.class,
            SearchResource.Results.class,
            StatsService.ProjectStats.class,
            StatsService.ProjectSummary.class,
            StatsService.AllStats.class,
            HealthCheckResource.Report.class,
            HealthCheckResource.FindingView.class,
            HealthCheckResource.Affected.class,
            HealthSummary.class,
            SystemHealthResource.SystemHealth.class,
            ConnectionViews.Connection.class,
            ConnectionViews.Create.class,
            ConnectionViews.Rotate.class,
            ConnectionViews.Browse.class,
            ConnectionViews.FolderCheck.class,
            ConnectionViews.ConnectionRepository.class,
            ConnectionViews.Degraded.class,
            ConnectionViews.AllRepositories.class,
            ConnectionViews.Repositories.class,
            ConnectionViews.FolderFound.class,
            GitHubRepository.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
