package io.leadstream.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest completed checkpoint under a checkpoint directory ({@code <dir>/<job id>/chk-N}), as an
 * operator would pick it after the job died: a checkpoint is complete once Flink wrote its
 * {@code _metadata} file, and a restored job checkpoints under a new job id, so the newest
 * metadata wins whatever the job.
 */
final class LatestCheckpoint {
    private LatestCheckpoint() {}

    static Optional<Path> in(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(checkpointDir, 3,
                (p, attrs) -> attrs.isRegularFile() && p.getFileName().toString().equals("_metadata")
                        && p.getParent().getFileName().toString().startsWith("chk-"))) {
            return files.max(Comparator.comparing(LatestCheckpoint::modified)).map(Path::getParent);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // deleted meanwhile: Flink keeps only the newest
        }
    }
}
