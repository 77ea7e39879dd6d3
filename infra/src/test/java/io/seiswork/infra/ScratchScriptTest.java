package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code seiswork-scratch.sh} on made-up instances: every command that looks at or changes a
 * disk ({@code lsblk}, {@code blkid}, {@code blockdev}, {@code mdadm}, {@code mkfs.*},
 * {@code mount}, {@code mountpoint}, {@code chown}, {@code udevadm}, {@code logger}) is a stub
 * that answers from the instance's disk table and records its call, so the test checks which disk
 * the script chooses and what it runs, and never touches a real disk.
 */
class ScratchScriptTest {

    private static final String STORE = "Amazon EC2 NVMe Instance Storage";
    private static final String EBS = "Amazon Elastic Block Store";
    private static final long GB = 1_000_000_000L;
    private static final long SCRATCH_BYTES = 500L << 30; // the default scratchDiskGiB

    /** Stubs: each logs "name args" to $FIX/calls, and answers from $FIX/disks (name|model|bytes|state). */
    private static final Map<String, String> STUBS = Map.of(
            "lsblk", """
                    case "$*" in
                      "-d -n -p -o NAME,MODEL") awk -F'|' '{print $1 " " $2}' "$FIX/disks" ;;
                      "-n -o NAME "*) awk -F'|' -v d="${*: -1}" '$1 == d {print $1; if ($4 == "partitioned") print "part"}' "$FIX/disks" ;;
                      "-n -o MOUNTPOINT "*) awk -F'|' -v d="${*: -1}" '$1 == d {print ($4 == "mounted" ? "/media/ephemeral0" : "")}' "$FIX/disks" ;;
                      *) exit 1 ;;
                    esac
                    """,
            "blkid", """
                    echo "blkid $*" >> "$FIX/calls"
                    if [ "$1" = -L ]; then [ -s "$FIX/label" ] && cat "$FIX/label" && exit 0; exit 2; fi
                    awk -F'|' -v d="${*: -1}" '$1 == d && $4 == "formatted" {print "xfs"}' "$FIX/disks"
                    """,
            "blockdev", """
                    awk -F'|' -v d="$2" '$1 == d {print $3; found = 1} END {exit !found}' "$FIX/disks"
                    """,
            "mdadm", """
                    echo "mdadm $*" >> "$FIX/calls"
                    case "$1" in
                      --create) exit "${MDADM_CREATE_STATUS:-0}" ;;
                      --detail) echo "ARRAY $3 metadata=1.2 name=seiswork-scratch UUID=00000000:00000000:00000000:00000000" ;;
                      *) exit 1 ;;
                    esac
                    """,
            "mkfs.xfs", "echo \"mkfs.xfs $*\" >> \"$FIX/calls\"\n",
            "mount", "echo \"mount $*\" >> \"$FIX/calls\"\n",
            "mountpoint", "[ -e \"$FIX/mounted\" ]\n",
            "chown", "echo \"chown $*\" >> \"$FIX/calls\"\n",
            "udevadm", "exit 0\n",
            "logger", "exit 0\n");

    @TempDir
    Path fix;

    private Path dir;
    private Path ebsLink;
    private final List<String> disks = new ArrayList<>();
    private String stderr = "";

    @BeforeEach
    void instance() throws IOException {
        Bash.requireBash();
        Path bin = Files.createDirectories(fix.resolve("bin"));
        for (var stub : STUBS.entrySet()) {
            Files.writeString(bin.resolve(stub.getKey()), "#!/bin/bash\n" + stub.getValue());
            Files.setPosixFilePermissions(bin.resolve(stub.getKey()), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(fix.resolve("seiswork-scratch.sh"), ScratchDisk.script());
        Files.writeString(fix.resolve("calls"), "");
        Files.createDirectories(fix.resolve("dev"));
        dir = fix.resolve("seiswork-scratch");
        ebsLink = fix.resolve("dev/xvdb");
        // Every instance: the root volume, partitioned and mounted.
        disk("nvme0n1", EBS, 100L << 30, "partitioned");
    }

    private Path disk(String name, String model, long bytes, String state) {
        Path p = fix.resolve("dev").resolve(name);
        disks.add(p + "|" + model + "|" + bytes + "|" + state);
        return p;
    }

    /** The EBS scratch volume at {@code nvme1n1}, which the udev link {@code xvdb} names. */
    private Path ebsScratch() throws IOException {
        Path p = disk("nvme1n1", EBS, SCRATCH_BYTES, "free");
        Files.createSymbolicLink(ebsLink, p);
        return p;
    }

    /** Runs the script as the user data does; the calls it made to the stubs. */
    private List<String> run(Map<String, String> env) throws IOException {
        Files.write(fix.resolve("disks"), disks);
        Map<String, String> all = new HashMap<>(env);
        all.put("FIX", fix.toString());
        all.put("PATH", fix.resolve("bin") + ":" + System.getenv("PATH"));
        all.put("SEISWORK_MDADM_CONF", fix.resolve("mdadm.conf").toString());
        Bash.Result r = Bash.run(fix, all, "bash", fix.resolve("seiswork-scratch.sh").toString(),
                dir.toString(), "10001:10001", ebsLink.toString());
        assertEquals(0, r.status(), r.stderr());
        stderr = r.stderr();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        // Left out: the probes of each disk, and the assembly of arrays from earlier boots that
        // precedes every search for the file system (afterARebootTheExistingFileSystemIsMountedNotRemade).
        return allCalls().stream()
                .filter(c -> !c.startsWith("blkid -o") && !c.equals("mdadm --assemble --scan")).toList();
    }

    private List<String> allCalls() throws IOException {
        return Files.readAllLines(fix.resolve("calls"));
    }

    private List<String> run() throws IOException {
        return run(Map.of());
    }

    private String chown() {
        return "chown 10001:10001 " + dir;
    }

    @Test
    void withoutInstanceStoreTheEbsVolumeBehindItsLinkIsFormattedAndMounted() throws IOException {
        Path ebs = ebsScratch();
        assertEquals(List.of("blkid -L sw-scratch", "mkfs.xfs -q -K -L sw-scratch " + ebs,
                "mount -o noatime " + ebs + " " + dir, chown()), run());
    }

    @Test
    void instanceStoreSmallerThanTheEbsVolumeIsLeftAlone() throws IOException {
        disk("nvme2n1", STORE, 250 * GB, "free"); // a g6.xlarge
        Path ebs = ebsScratch();
        assertEquals(List.of("blkid -L sw-scratch", "mkfs.xfs -q -K -L sw-scratch " + ebs,
                "mount -o noatime " + ebs + " " + dir, chown()), run());
    }

    @Test
    void oneInstanceStoreDiskAtLeastAsLargeIsUsedAsItIs() throws IOException {
        Path store = disk("nvme2n1", STORE, 600 * GB, "free"); // a g6.4xlarge
        ebsScratch();
        assertEquals(List.of("blkid -L sw-scratch", "mkfs.xfs -q -K -L sw-scratch " + store,
                "mount -o noatime " + store + " " + dir, chown()), run());
    }

    @Test
    void severalInstanceStoreDisksAreStripedIntoOneRaid0Array() throws IOException {
        Path a = disk("nvme2n1", STORE, 1900 * GB, "free");
        Path b = disk("nvme3n1", STORE, 1900 * GB, "free");
        ebsScratch();
        assertEquals(List.of("blkid -L sw-scratch",
                "mdadm --create /dev/md/seiswork-scratch --run --level=0 --raid-devices=2 --name=seiswork-scratch " + a + " " + b,
                "mdadm --detail --brief /dev/md/seiswork-scratch",
                "mkfs.xfs -q -K -L sw-scratch /dev/md/seiswork-scratch",
                "mount -o noatime /dev/md/seiswork-scratch " + dir, chown()), run());
        assertEquals(List.of("ARRAY /dev/md/seiswork-scratch metadata=1.2 name=seiswork-scratch "
                + "UUID=00000000:00000000:00000000:00000000"), Files.readAllLines(fix.resolve("mdadm.conf")));
    }

    @Test
    void whenTheArrayCannotBeMadeTheEbsVolumeServes() throws IOException {
        disk("nvme2n1", STORE, 1900 * GB, "free");
        disk("nvme3n1", STORE, 1900 * GB, "free");
        Path ebs = ebsScratch();
        List<String> calls = run(Map.of("MDADM_CREATE_STATUS", "1"));
        assertEquals(List.of("mkfs.xfs -q -K -L sw-scratch " + ebs, "mount -o noatime " + ebs + " " + dir, chown()),
                calls.subList(calls.size() - 3, calls.size()));
        assertTrue(stderr.contains("instance store could not be prepared"), stderr);
    }

    @Test
    void withoutMdadmItIsInstalledWithDnfAndWhenThatFailsTheEbsVolumeServes() throws IOException {
        // Amazon Linux 2023's ECS AMI may lack mdadm: the script installs it, and falls back when it cannot.
        Bash.requireAbsent("mdadm");
        Files.delete(fix.resolve("bin/mdadm"));
        for (String manager : List.of("dnf", "yum")) {
            Path stub = fix.resolve("bin").resolve(manager);
            Files.writeString(stub, "#!/bin/bash\necho \"" + manager + " $*\" >> \"$FIX/calls\"\nexit 1\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        disk("nvme2n1", STORE, 1900 * GB, "free");
        disk("nvme3n1", STORE, 1900 * GB, "free");
        Path ebs = ebsScratch();
        assertEquals(List.of("blkid -L sw-scratch", "dnf -y -q install mdadm", "yum -y -q install mdadm",
                "mkfs.xfs -q -K -L sw-scratch " + ebs, "mount -o noatime " + ebs + " " + dir, chown()), run());
        assertTrue(stderr.contains("no mdadm: cannot stripe"), stderr);
    }

    @Test
    void disksInUseAreNeverTouched() throws IOException {
        disk("nvme2n1", STORE, 1900 * GB, "mounted");
        disk("nvme3n1", STORE, 1900 * GB, "formatted");
        Path ebs = ebsScratch();
        assertEquals(List.of("blkid -L sw-scratch", "mkfs.xfs -q -K -L sw-scratch " + ebs,
                "mount -o noatime " + ebs + " " + dir, chown()), run());
    }

    @Test
    void withoutTheDeviceLinkTheUnusedEbsDiskIsFound() throws IOException {
        Path ebs = disk("nvme1n1", EBS, SCRATCH_BYTES, "free"); // no xvdb link; the root disk is skipped
        assertEquals(List.of("blkid -L sw-scratch", "mkfs.xfs -q -K -L sw-scratch " + ebs,
                "mount -o noatime " + ebs + " " + dir, chown()), run());
    }

    @Test
    void afterARebootTheExistingFileSystemIsMountedNotRemade() throws IOException {
        disk("nvme2n1", STORE, 1900 * GB, "free");
        ebsScratch();
        Files.writeString(fix.resolve("label"), "/dev/md/seiswork-scratch\n");
        assertEquals(List.of("blkid -L sw-scratch", "mount -o noatime /dev/md/seiswork-scratch " + dir, chown()), run());
        assertEquals(List.of("mdadm --assemble --scan", "blkid -L sw-scratch"), allCalls().subList(0, 2));
    }

    @Test
    void runningAgainOnAMountedDirectoryOnlySetsItsOwner() throws IOException {
        ebsScratch();
        Files.writeString(fix.resolve("mounted"), "");
        assertEquals(List.of(chown()), run());
    }

    @Test
    void withNoDiskAtAllTheBootGoesOnWithScratchOnTheRootVolume() throws IOException {
        List<String> calls = run();
        assertEquals(List.of("blkid -L sw-scratch", chown()), calls);
        assertTrue(stderr.contains("WARNING: no scratch disk could be mounted; " + dir + " stays on the root volume"),
                stderr);
        assertFalse(stderr.contains("mkfs"), stderr);
    }
}
