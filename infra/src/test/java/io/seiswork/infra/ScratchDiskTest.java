package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scratch disk as the launch template's user data carries it. */
class ScratchDiskTest {

    private static final String USER_DATA = WorkerFleetTest.userData(Synth.defaults());

    @Test
    void userDataInstallsTheScriptByteForByteAndRunsItForTheWorkersUser() {
        assertTrue(USER_DATA.contains("cat > /usr/local/sbin/seiswork-scratch <<'SEISWORK_SCRATCH_END'\n"
                + ScratchDisk.script().stripTrailing() + "\nSEISWORK_SCRATCH_END\n"), USER_DATA);
        assertTrue(USER_DATA.contains("\n/usr/local/sbin/seiswork-scratch /seiswork-scratch 10001:10001 /dev/xvdb || echo "));
        assertTrue(USER_DATA.contains("\nchmod 755 /usr/local/sbin/seiswork-scratch\n"));
    }

    @Test
    void theScriptPrefersInstanceStoreStripesItAndFallsBackToTheEbsVolume() {
        String script = ScratchDisk.script();
        assertTrue(script.contains("instance_store_model=\"Amazon EC2 NVMe Instance Storage\""));
        assertTrue(script.contains("mdadm --create \"$array\" --run --level=0"));
        assertTrue(script.contains("mkfs.xfs -q -K -L \"$label\""));
        assertTrue(script.contains("mount -o noatime \"$dev\" \"$dir\""));
        assertTrue(script.contains("chown \"$owner\" \"$dir\" || ! chmod 700 \"$dir\""));
    }

    @Test
    void laterBootsPrepareTheDiskBeforeTheEcsAgent() {
        assertTrue(USER_DATA.contains("cat > /etc/systemd/system/seiswork-scratch.service <<'SEISWORK_SCRATCH_END'\n"
                + "[Unit]\nDescription=Seiswork worker scratch disk at /seiswork-scratch\nBefore=ecs.service\n"
                + "[Service]\nType=oneshot\nRemainAfterExit=yes\n"
                + "ExecStart=/usr/local/sbin/seiswork-scratch /seiswork-scratch 10001:10001 /dev/xvdb\n"
                + "[Install]\nWantedBy=multi-user.target\nSEISWORK_SCRATCH_END\n"), USER_DATA);
        assertTrue(USER_DATA.contains("\nsystemctl enable seiswork-scratch.service\n"));
    }

    @Test
    void userDataFitsEc2sLimit() {
        // EC2 takes at most 16 KiB of user data before base64.
        int bytes = USER_DATA.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 16 * 1024, bytes + " bytes");
    }

    @Test
    void scriptAndUserDataAreValidBash(@TempDir Path dir) throws Exception {
        Bash.requireBash();
        Path script = Files.writeString(dir.resolve("seiswork-scratch.sh"), ScratchDisk.script());
        Path userData = Files.writeString(dir.resolve("user-data.sh"), USER_DATA);
        for (Path file : new Path[] {script, userData}) {
            Bash.Result r = Bash.run(dir, Map.of(), "bash", "-n", file.toString());
            assertEquals(0, r.status(), file.getFileName() + ": " + r.stderr());
        }
    }
}
