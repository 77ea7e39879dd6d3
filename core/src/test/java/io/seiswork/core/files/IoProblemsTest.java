package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IoProblems} words the JDK's file exceptions without their class names. */
class IoProblemsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileInAnExistingFolder() {
        Path f = dir.resolve("nonexist.sgy");
        assertEquals("no such file", IoProblems.describe(new NoSuchFileException(f.toString()), f));
    }

    /** Linux's /proc takes no new files, and says so as ENOENT: the folder is named, not "no such file". */
    @Test
    void aFileThatAVirtualFolderDoesNotTake() {
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "no Linux /proc here");
        Path f = proc.resolve("x.sgy");
        IOException e = assertThrows(IOException.class,
                () -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close());
        String why = IoProblems.notCreated(e, f);
        assertTrue(why.startsWith("folder /proc "), why);
        assertFalse(why.contains("no such file"), why);
    }

    /**
     * The branch is chosen by the exception's type first, then the folder's state, each varied
     * here on its own. The folder's state is stated rather than made: a folder its owner cannot
     * write in cannot be made for root, who writes anywhere (CI runs as root), nor can a
     * read-only mount be made without privileges; the real cases are in the tests below.
     */
    @Test
    void aFileNotCreatedInAFolderIsWeighedByExceptionThenFolder() {
        Path f = dir.resolve("p");
        var writable = new IoProblems.Folder(f, true, false);
        var notWritable = new IoProblems.Folder(f, false, false);
        var readOnlyMount = new IoProblems.Folder(f, false, true);
        String noNewFiles = "folder " + f + " does not take new files (a virtual file system such as /proc or /sys?)";
        var enoent = new NoSuchFileException(f.resolve("x").toString());
        assertEquals(noNewFiles, IoProblems.notCreatedIn(enoent, notWritable),
                "ENOENT before permissions: /proc as a user, not writable and taking no files from anyone");
        assertEquals(noNewFiles, IoProblems.notCreatedIn(enoent, writable), "/proc as root");
        var denied = new AccessDeniedException(f.resolve("x").toString());
        assertEquals("folder " + f + " is not writable (permission denied)", IoProblems.notCreatedIn(denied, notWritable));
        assertEquals("folder " + f + " is on a read-only file system", IoProblems.notCreatedIn(denied, readOnlyMount));
        assertNull(IoProblems.notCreatedIn(denied, writable),
                "denied in a folder one may write in: not the folder's permissions, the plain words stay");
        var erofs = new FileSystemException(f.resolve("x").toString(), null, "Read-only file system");
        assertEquals("folder " + f + " is on a read-only file system", IoProblems.notCreatedIn(erofs, writable));
        var full = new FileSystemException(f.resolve("x").toString(), null, "No space left on device");
        assertNull(IoProblems.notCreatedIn(full, notWritable), "not a problem of the folder's kind");
    }

    /** "Permission denied" in a folder this process may write in does not blame the folder. */
    @Test
    void aFileDeniedInAWritableFolderIsPlainlyDenied() {
        assumeTrue(Files.isWritable(dir), "the test's own temporary folder is not writable");
        Path f = dir.resolve("new.sgy");
        assertEquals("permission denied", IoProblems.notCreated(new AccessDeniedException(f.toString()), f));
    }

    /** A real folder its owner may not write in, made and written to (not possible as root). */
    @Test
    void aFileNotCreatedInAFolderNotWritableNamesTheFolder() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        assumeTrue(ro.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "running as root, who may write in any folder: the branch is"
                    + " checked with a stated folder state in aFileNotCreatedInAFolderIsWeighedByExceptionThenFolder");
            Path f = ro.resolve("new.sgy");
            IOException e = assertThrows(IOException.class,
                    () -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close());
            assertEquals("folder " + ro + " is not writable (permission denied)", IoProblems.notCreated(e, f));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFileNotCreatedInAMissingFolderNamesThatFolder() {
        Path f = dir.resolve("no/dir/q.sgy");
        assertEquals("folder " + dir.resolve("no/dir") + " does not exist",
                IoProblems.notCreated(new NoSuchFileException(f.toString()), f));
    }

    @Test
    void aMissingFolderIsNamed() {
        Path f = dir.resolve("no/dir/q.sgy");
        assertEquals("folder " + dir.resolve("no/dir") + " does not exist",
                IoProblems.describe(new NoSuchFileException(f.toString()), f));
    }

    @Test
    void aFileWhereAFolderShouldBe() throws IOException {
        Path file = Files.createFile(dir.resolve("afile"));
        Path f = file.resolve("q.sgy");
        assertEquals(file + " is not a folder",
                IoProblems.describe(new FileSystemException(f.toString(), null, "Not a directory"), f));
    }

    @Test
    void reasonsAndMessagesInLowerCaseWords() {
        Path f = dir.resolve("x");
        assertEquals("permission denied", IoProblems.describe(new AccessDeniedException(f.toString()), f));
        assertEquals("is a directory", IoProblems.describe(new IOException("Is a directory"), f));
        assertEquals("no space left on device",
                IoProblems.describe(new FileSystemException(f.toString(), null, "No space left on device"), f));
        assertEquals("input/output error", IoProblems.describe(new IOException(), f));
        assertEquals("EIO from the device", IoProblems.describe(new IOException("EIO from the device"), f),
                "an acronym keeps its case");
    }

    /**
     * A file-system exception without a reason has only the path for a message: its class is put
     * in words instead of repeating the path ("out: out").
     */
    @Test
    void exceptionsWithoutAReasonAreWordedByTheirClass() {
        Path f = dir.resolve("out");
        assertEquals("folder not empty", IoProblems.describe(new DirectoryNotEmptyException(f.toString()), f));
        assertEquals("already exists", IoProblems.describe(new FileAlreadyExistsException(f.toString()), f));
        assertEquals("not a symbolic link", IoProblems.describe(new NotLinkException(f.toString()), f));
        assertEquals("file system error", IoProblems.describe(new FileSystemException(f.toString()), f));
        assertEquals("permission denied", IoProblems.describe(new AccessDeniedException(f.toString()), f));
    }

    /** Only a capitalised first word is lower-cased, never a path that begins the message. */
    @Test
    void aPathAtTheStartKeepsItsCase() {
        Path rel = Path.of("Data", "x");
        assertEquals("Data/x (No such file or directory)".replace('/', java.io.File.separatorChar),
                IoProblems.describe(new IOException(rel + " (No such file or directory)"), rel));
        Path bare = Path.of("Data");
        assertEquals("Data (Is a directory)", IoProblems.describe(new IOException("Data (Is a directory)"), bare),
                "the file's own name, a single word");
        assertEquals("Data/x: gone", IoProblems.describe(new IOException("Data/x: gone"), Path.of("")));
        assertEquals("I/O error", IoProblems.describe(new IOException("I/O error"), bare));
    }

    /**
     * A folder that could not be made says why, as the JDK's exceptions, whose messages are only
     * the path, do not: "cannot create /proc/foo: /proc/foo" and "cannot create /tmp/afile:
     * /tmp/afile" gave no reason.
     */
    @Test
    void aFolderNotMadeSaysWhy() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        // The file in the folder's own place is not named again (the caller names the folder);
        // one in the place of a folder above it is.
        assertEquals("it is a file, not a folder", notMade(file));
        String above = notMade(file.resolve("sub"));
        assertEquals(true, above.equals(file + " is a file") || above.equals(file + " is not a folder"), above);
        assertEquals(file + " is a file", IoProblems.folderNotMade(new FileAlreadyExistsException(file.toString()),
                file.resolve("sub")));
        // What mkdir in /proc reports: no such file, though the folder above is there.
        Path proc = dir.resolve("virtual");
        assertEquals("folder " + dir.toAbsolutePath().normalize() + " does not take new folders",
                IoProblems.folderNotMade(new NoSuchFileException(proc.toString()), proc));
        assertEquals("permission denied in " + proc, IoProblems.folderNotMade(new AccessDeniedException(proc.toString()), proc));
    }

    private static String notMade(Path wanted) {
        try {
            Files.createDirectories(wanted);
            throw new AssertionError("made " + wanted);
        } catch (IOException e) {
            return IoProblems.folderNotMade(e, wanted);
        }
    }

    /** What a path that is no regular file is, in the words every reader of a named file uses. */
    @Test
    void whatAPathThatIsNoRegularFileIs() throws IOException {
        assertEquals(IoProblems.NotARegularFile.FOLDER, IoProblems.NotARegularFile.of(dir));
        assertEquals("is a folder", IoProblems.NotARegularFile.of(dir).words());
        Path missing = dir.resolve("gone.bin");
        assertEquals(IoProblems.NotARegularFile.MISSING, IoProblems.NotARegularFile.of(missing));
        assertEquals("does not exist", IoProblems.NotARegularFile.of(missing).words());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), missing);
        assertEquals(IoProblems.NotARegularFile.MISSING, IoProblems.NotARegularFile.of(dangling), "a link to nothing");
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device) && !Files.isRegularFile(device), "no /dev/null device here");
        assertEquals("is not a regular file (a device, pipe or socket)", IoProblems.NotARegularFile.of(device).words());
    }
}
