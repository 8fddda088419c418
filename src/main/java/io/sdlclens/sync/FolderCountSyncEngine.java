package io.sdlclens.sync;

import io.sdlclens.project.SourcePathPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** The first engine: checks the folder and counts its markdown files without storing documents. */
@ApplicationScoped
public class FolderCountSyncEngine implements SyncEngine {

    private final SourcePathPolicy paths;

    public FolderCountSyncEngine(SourcePathPolicy paths) {
        this.paths = paths;
    }

    @Override
    public SyncOutcome run(SyncJob job) {
        if (paths.realDirectory(job.sdlcPath()).isEmpty()) {
            return SyncOutcome.aborted("sdlc-studio path not found: " + job.sdlcPath(), SyncCounts.NONE, List.of());
        }
        int[] markdownFiles = {0};
        try {
            Files.walkFileTree(Path.of(job.sdlcPath()), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    job.checkpoint();
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                        markdownFiles[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return SyncOutcome.aborted("sdlc-studio path not found: " + job.sdlcPath(), SyncCounts.NONE, List.of());
        }
        job.checkpoint();
        return SyncOutcome.completed(new SyncCounts(markdownFiles[0], 0, 0, 0, 0), List.of());
    }
}
