package io.seiswork.core.spec;

import io.seiswork.core.files.FileIdentity;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityField;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The velocity fields of the model files opened last, so that a spec resolved again does not
 * read its model file again: opening a raw or SEG-Y model checks every value in one pass over the
 * file (about 2 GB/s from the page cache, far less from disk: a minute for a 100 GB survey model),
 * and the desktop resolves a spec at each Apply, and twice when a project too big for this machine
 * is checked for the cloud's workers.
 *
 * <p>A field may be shared: it is immutable, holds no file descriptor and reads each window when
 * asked, through the real path it was opened by (so a link moved to another file later makes
 * another key, not a field reading the other file). A file counts as the same while its real
 * path, file key (inode), size, modification time and, where the file system keeps one, change
 * time are: a write gives a new change time even when a copy tool sets the old modification time
 * back, so the file is opened and checked again. A failed open is not kept. At most
 * {@value #CAPACITY} fields are kept, the least recently used dropped first, and softly: a SEG-Y
 * cube's field holds its column table (4 bytes a column), which the collector may take back when
 * memory runs short, since the cache lives in workers and the desktop beside their planned memory.
 */
final class VelocityFileCache {

    /** Most fields kept. */
    static final int CAPACITY = 8;

    /** How a file was opened: its identity, the grid and the reading options (axis order, byte order, scale). */
    private record Key(FileIdentity file, Grid grid, String options) {
    }

    /** Opens a field from a file (the cache's miss). */
    @FunctionalInterface
    interface Opener {
        /** @param realPath the file's real path, which the field must read through */
        VelocityField open(Path realPath) throws IOException;
    }

    private static final Map<Key, SoftReference<VelocityField>> FIELDS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SoftReference<VelocityField>> eldest) {
            return size() > CAPACITY;
        }
    };

    private VelocityFileCache() {
    }

    /**
     * The field of {@code file} on {@code grid} read with {@code options}, opened by {@code opener}
     * unless the same file was opened so before.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     */
    static VelocityField get(Path file, Grid grid, String options, Opener opener) throws IOException {
        Key key = key(file, grid, options);
        synchronized (FIELDS) {
            SoftReference<VelocityField> kept = FIELDS.get(key);
            VelocityField field = kept == null ? null : kept.get();
            if (field != null) {
                return field;
            }
        }
        VelocityField opened = opener.open(key.file().file());  // outside the lock: a scan may take minutes
        if (key.equals(key(file, grid, options))) {  // not written while it was read
            synchronized (FIELDS) {
                FIELDS.put(key, new SoftReference<>(opened));
            }
        }
        return opened;
    }

    /** Forgets every field (tests). */
    static void clear() {
        synchronized (FIELDS) {
            FIELDS.clear();
        }
    }

    private static Key key(Path file, Grid grid, String options) throws IOException {
        return new Key(FileIdentity.read(file), grid, options);
    }
}
