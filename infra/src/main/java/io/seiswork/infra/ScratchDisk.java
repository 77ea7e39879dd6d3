package io.seiswork.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;

/**
 * Each GPU instance's scratch disk, the worker's work directory: downloaded inputs, per-shot
 * results and, for a migration, the forward wavefield spilled to disk while a shot runs. A 3D shot
 * spills up to about 1 TB and a result can be 100 GB, so this is a disk of its own mounted on the
 * host at {@value #HOST_PATH} and bound into the worker's container ({@link WorkerTask}), not the
 * container's writable layer on the root volume.
 *
 * <p>Which disk: every instance gets an encrypted gp3 EBS volume of
 * {@link StackSettings#scratchDiskGiB()} GiB at {@value #EBS_DEVICE}, because one launch template
 * serves every instance type of the fleet and CDK cannot know at synth time which type (with or
 * without instance store) a launch gets. At boot the script {@code seiswork-scratch.sh} (a
 * resource next to this class) prefers the instance's NVMe instance-store disks (g4dn, g5, g6,
 * p4d, p5 have them; several are striped into one RAID-0 array with mdadm) when together they
 * hold at least as many bytes as that EBS volume: they are local NVMe, faster than a gp3 volume's
 * provisioned 1000 MiB/s, and paid for with the instance. Otherwise it uses the EBS volume, so the
 * setting is the least scratch an instance has. An instance-store disk whose data is lost when
 * the instance stops is no loss here: the worker's files only live as long as its shot. The EBS
 * volume left unused next to a large instance store costs its storage while the instance runs
 * (gp3 is about 0.08 USD per GiB-month, some 0.05 USD an hour for 500 GiB), and it is deleted
 * with the instance.
 *
 * <p>When it runs: the user data writes the script to {@value #SCRIPT} and runs it once. User
 * data runs in cloud-init's final stage, and on the ECS-optimized AMIs the ECS agent
 * ({@code ecs.service}) is ordered after {@code cloud-final.service}, so the disk is mounted
 * before the agent starts and no task ever sees the bare directory (on Amazon Linux 2023 this
 * ordering is the AMI's, as on Amazon Linux 2; it is not checked here, see docs/cloud.md). A systemd unit
 * {@value #UNIT} ordered before {@code ecs.service} runs it again on every later boot (a reboot
 * loses the mount, not the file system). The script never fails the boot: without any usable
 * disk it leaves the directory on the root volume and logs a warning (cloud-init's output log and
 * the system log, tag {@code seiswork-scratch}).
 *
 * <p>The directory belongs to the worker image's non-root user {@value WorkerTask#USER}, mode
 * 700. The disk is the instance's, shared by the worker tasks on it: one per GPU.
 */
public final class ScratchDisk {

    /** Where the scratch file system is mounted on the instance; the worker task's host volume. */
    public static final String HOST_PATH = "/seiswork-scratch";
    /** The EBS scratch volume's device name in the launch template. */
    public static final String EBS_DEVICE = "/dev/xvdb";
    /** Where the user data installs the script on the instance. */
    public static final String SCRIPT = "/usr/local/sbin/seiswork-scratch";
    /** The systemd unit that prepares the disk on every boot after the first. */
    public static final String UNIT = "seiswork-scratch.service";
    /** The class-path resource holding the script. */
    public static final String RESOURCE = "seiswork-scratch.sh";
    /** Ends the here-documents in the user data; no line of the script may be this. */
    private static final String END = "SEISWORK_SCRATCH_END";

    private ScratchDisk() {
    }

    /** The smallest scratch volume: gp3 provisions at most 500 IOPS per GiB, and {@link #IOPS} needs 32 GiB. */
    public static final int MIN_GIB = 32;
    /** The scratch volume's provisioned throughput, MiB/s: gp3's most, 8 times its baseline of 125. */
    public static final int THROUGHPUT_MIB_S = 1000;
    /** The scratch volume's provisioned IOPS: gp3's most, against its baseline of 3000. */
    public static final int IOPS = 16000;

    /**
     * The encrypted gp3 scratch volume, deleted with its instance, at gp3's highest throughput:
     * at the baseline 125 MiB/s a 1 TB spill takes some 2.3 hours to write and as long to read
     * back, at 1000 MiB/s about 17 minutes each. The provisioned part costs about 0.04 USD per
     * MiB/s-month above 125 and 0.005 USD per IOPS-month above 3000 (us-east-1, 2026): some
     * 35 + 65 = 100 USD a month, 0.14 USD an hour per instance while it runs, next to the GPU
     * instance's 0.8 USD or more. A gp3 volume reaches 1000 MiB/s only from 8 GiB (IOPS/throughput
     * ratio) and 16000 IOPS only from {@value #MIN_GIB} GiB, the smallest scratch setting.
     */
    public static BlockDevice ebsVolume(int gib) {
        return BlockDevice.builder().deviceName(EBS_DEVICE)
                .volume(BlockDeviceVolume.ebs(gib, EbsDeviceOptions.builder()
                        .volumeType(EbsDeviceVolumeType.GP3).throughput(THROUGHPUT_MIB_S).iops(IOPS)
                        .encrypted(true).deleteOnTermination(true).build()))
                .build();
    }

    /** The command line that prepares the disk: directory, owner and EBS device. */
    public static String command() {
        return SCRIPT + " " + HOST_PATH + " " + WorkerTask.USER + " " + EBS_DEVICE;
    }

    /**
     * The user data lines that install the script and its boot unit, then run it: one here-document
     * each, so the script reaches the instance byte for byte.
     */
    public static List<String> userData() {
        List<String> lines = new ArrayList<>();
        lines.add("# Seiswork: the workers' scratch disk at " + HOST_PATH + " (io.seiswork.infra.ScratchDisk)");
        lines.add("mkdir -p " + SCRIPT.substring(0, SCRIPT.lastIndexOf('/')));
        lines.add("cat > " + SCRIPT + " <<'" + END + "'");
        lines.add(script().stripTrailing());
        lines.add(END);
        lines.add("chmod 755 " + SCRIPT);
        lines.add("cat > /etc/systemd/system/" + UNIT + " <<'" + END + "'");
        lines.add(String.join("\n",
                "[Unit]",
                "Description=Seiswork worker scratch disk at " + HOST_PATH,
                "Before=ecs.service",
                "[Service]",
                "Type=oneshot",
                "RemainAfterExit=yes",
                "ExecStart=" + command(),
                "[Install]",
                "WantedBy=multi-user.target"));
        lines.add(END);
        lines.add("systemctl enable " + UNIT);
        lines.add(command() + " || echo \"seiswork-scratch: failed with status $?, the workers may lack scratch\"");
        return lines;
    }

    /** The script, {@code seiswork-scratch.sh}. */
    public static String script() {
        try (InputStream in = ScratchDisk.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing next to " + ScratchDisk.class.getName());
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.lines().anyMatch(END::equals)) {
                throw new IllegalStateException(RESOURCE + " has a line " + END + ", which would end its here-document");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
