package odoodr.filestore.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The files of one database's mirror, in memory: built by ONE walk of {@code <local_base>/<db>} and then kept up to
 * date as the sync fetches files, so no pass ever walks the tree again. Only {@code xx/<sha1>} (and legacy
 * {@code xxx/<sha1>}) regular files count: rsync's partial directory, Odoo's {@code checklist/}, temporary files
 * and symbolic links are not files of the filestore.
 *
 * <p>Names are held as 24 bytes each in an open-addressing table (the sha1's 160 bits plus the directory part)
 * rather than as strings: a million files cost about 48 MB instead of about 130 MB.
 */
public final class LocalIndex {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    private static final Pattern DIR = Pattern.compile("[0-9a-f]{2,3}");
    private static final Pattern FILE = Pattern.compile("[0-9a-f]{40}");
    private static final long OCCUPIED = 1L << 46;

    private long[] table;   // 3 longs a slot: sha1 bits 0-63, 64-127, and 128-159 | dir << 32 | len3 << 45 | OCCUPIED
    private int size;

    public LocalIndex() {
        table = new long[3 * 1024];
    }

    /** One walk of {@code dir} (a database's mirror); a directory that does not exist yet is an empty mirror. */
    public static LocalIndex scan(Path dir) {
        LocalIndex index = new LocalIndex();
        long start = System.nanoTime();
        try (DirectoryStream<Path> subdirs = Files.newDirectoryStream(dir)) {
            for (Path sub : subdirs) {
                String subName = sub.getFileName().toString();
                if (!DIR.matcher(subName).matches() || !Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(sub)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (FILE.matcher(name).matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            index.add(subName + "/" + name);
                        }
                    }
                }
            }
        } catch (NoSuchFileException e) {
            LOG.debug("filestore: {} does not exist yet: empty mirror", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        LOG.debug("filestore: indexed {} files of {} in {} ms", index.size(), dir, (System.nanoTime() - start) / 1_000_000);
        return index;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized boolean contains(String storeFname) {
        if (!StoreFname.isSafe(storeFname)) {
            return false;
        }
        long[] key = encode(storeFname);
        return table[slotOf(key) * 3 + 2] != 0;
    }

    /** Records a file as present; returns false when it already was. Only {@link StoreFname#isSafe safe} names. */
    public synchronized boolean add(String storeFname) {
        if (!StoreFname.isSafe(storeFname)) {
            throw new IllegalArgumentException("not a filestore name: " + StoreFname.printable(storeFname));
        }
        long[] key = encode(storeFname);
        int slot = slotOf(key);
        if (table[slot * 3 + 2] != 0) {
            return false;
        }
        table[slot * 3] = key[0];
        table[slot * 3 + 1] = key[1];
        table[slot * 3 + 2] = key[2];
        size++;
        if (size * 10L > capacity() * 7L) {
            grow();
        }
        return true;
    }

    private int capacity() {
        return table.length / 3;
    }

    /** The slot holding {@code key}, or the empty slot where it belongs (linear probing; the table is never full). */
    private int slotOf(long[] key) {
        int mask = capacity() - 1;
        int slot = (int) (mix(key) & mask);
        while (true) {
            long tag = table[slot * 3 + 2];
            if (tag == 0 || (tag == key[2] && table[slot * 3] == key[0] && table[slot * 3 + 1] == key[1])) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 3) {
            if (old[i + 2] != 0) {
                long[] key = {old[i], old[i + 1], old[i + 2]};
                int slot = slotOf(key);
                table[slot * 3] = key[0];
                table[slot * 3 + 1] = key[1];
                table[slot * 3 + 2] = key[2];
            }
        }
    }

    private static long mix(long[] key) {
        long h = key[0] * 0x9E3779B97F4A7C15L ^ key[1] ^ key[2];
        return h ^ (h >>> 29);
    }

    static long[] encode(String storeFname) {
        int slash = storeFname.indexOf('/');
        String sha = storeFname.substring(slash + 1);
        long dir = Long.parseLong(storeFname.substring(0, slash), 16);
        long len3 = slash == 3 ? 1 : 0;
        return new long[]{Long.parseUnsignedLong(sha.substring(0, 16), 16), Long.parseUnsignedLong(sha.substring(16, 32), 16),
                Long.parseLong(sha.substring(32), 16) | dir << 32 | len3 << 45 | OCCUPIED};
    }
}
