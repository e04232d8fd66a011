package odoodr.health;

import java.nio.file.Path;

/**
 * Space on the file system holding {@code path}.
 *
 * @param measuredAt the existing directory that was measured ({@code path} itself or its nearest existing parent)
 */
public record DiskSample(Path path, Path measuredAt, long usableBytes, long totalBytes) {
    public double freeRatio() {
        return totalBytes <= 0 ? 0 : (double) usableBytes / totalBytes;
    }
}
