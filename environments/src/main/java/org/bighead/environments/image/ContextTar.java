package org.bighead.environments.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context as a tar stream straight from the files (jars are read where Maven keeps them; nothing is
 * copied to a context folder first). Fixed owners and times, so the same spec gives the same bytes.
 */
public final class ContextTar {
    /** 2000-01-01T00:00:00Z: a fixed time for every entry. */
    private static final FileTime EPOCH = FileTime.fromMillis(946_684_800_000L);

    private ContextTar() {}

    static void write(ImageSpec spec, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] dockerfile = spec.dockerfile().getBytes(StandardCharsets.UTF_8);
            entry(tar, "Dockerfile", dockerfile.length, ContextFile.FILE);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
            TreeSet<String> dirs = new TreeSet<>();
            for (ContextFile f : spec.files()) {
                String path = f.path();
                for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                    dirs.add(path.substring(0, i + 1));
                }
            }
            for (String dir : dirs) {
                TarArchiveEntry e = new TarArchiveEntry(dir);
                e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
                e.setLastModifiedTime(EPOCH);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (ContextFile f : spec.files()) {
                entry(tar, f.path(), f.size(), f.mode());
                if (f.content() != null) {
                    tar.write(f.content());
                } else {
                    try (InputStream in = Files.newInputStream(f.source())) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /**
     * Writes the same context as a folder ({@code Dockerfile} and the files), for {@code docker build DIR} by hand or
     * in another CI: the image it gives has the same layers.
     */
    public static void writeDirectory(ImageSpec spec, java.nio.file.Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), spec.dockerfile(), StandardCharsets.UTF_8);
        for (ContextFile f : spec.files()) {
            java.nio.file.Path target = dir.resolve(f.path());
            java.nio.file.Files.createDirectories(target.getParent());
            if (f.content() != null) {
                java.nio.file.Files.write(target, f.content());
            } else {
                java.nio.file.Files.copy(f.source(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            java.nio.file.Files.setPosixFilePermissions(target, permissions(f.mode()));
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        return java.nio.file.attribute.PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
    }

    private static void entry(TarArchiveOutputStream tar, String name, long size, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        e.setMode((TarArchiveEntry.DEFAULT_FILE_MODE & ~0777) | mode);
        e.setLastModifiedTime(EPOCH);
        e.setIds(0, 0);
        tar.putArchiveEntry(e);
    }
}
