package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecs.AwsLogDriverMode;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.Ec2TaskDefinition;
import software.amazon.awscdk.services.ecs.Host;
import software.amazon.awscdk.services.ecs.LinuxParameters;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.NetworkMode;
import software.amazon.awscdk.services.ecs.Tmpfs;
import software.amazon.awscdk.services.ecs.TmpfsMountOption;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One worker: a task that runs {@code seiswork worker --cloud aws} on one GPU, configured through
 * the same environment variables as a worker started by hand ({@code docs/cloud.md}).
 *
 * <p>Why these settings:
 * <ul>
 *   <li>one GPU per task ({@code resourceRequirements GPU 1}): ECS then places as many workers
 *       on an instance as it has GPUs, and each worker's engine sees exactly its own card;</li>
 *   <li>a stop timeout of {@value #STOP_TIMEOUT_SECONDS} s, the length of a spot interruption
 *       notice: on SIGTERM the worker cancels its shot at the next time step and makes its message
 *       visible again at once, well inside that;</li>
 *   <li>logs through the awslogs driver to {@value Protocol#LOG_GROUP}, kept
 *       {@value #LOG_RETENTION_DAYS} days. The worker's metrics are Embedded Metric Format lines
 *       on its standard output, which CloudWatch turns into metrics from the log group, so the
 *       task role has no {@code cloudwatch:PutMetricData}. Non-blocking mode with a 25 MiB
 *       buffer: a slow CloudWatch Logs must never stall a shot, and a worker writes a few lines
 *       per shot;</li>
 *   <li>the work directory {@code SEISWORK_WORK_DIR} is {@value #WORK_DIR}, the instance's
 *       scratch disk ({@value ScratchDisk#HOST_PATH}, {@link ScratchDisk}) bound in read-write
 *       as the host volume {@value #SCRATCH_VOLUME}: inputs, shot results and wavefield spills
 *       (up to about 1 TB for a 3D shot) need a large, fast disk, not the container's writable
 *       layer on the root volume;</li>
 *   <li>the container runs as {@value #USER}, the non-root user of the worker image
 *       ({@code packaging/}), set here too so that no image, whatever its {@code USER}, runs
 *       the worker as root; the scratch directory belongs to that user;</li>
 *   <li>a read-only root file system, so a worker cannot change its own image, with a tmpfs of
 *       {@value #TMP_MIB} MiB at {@code /tmp}: the JVM (performance data) and JCuda (its native
 *       libraries, extracted to {@code java.io.tmpdir} at each start) must write there. It is
 *       mounted {@code nosuid,nodev} but not {@code noexec}, which would stop those libraries
 *       loading; what is written there counts against the task's memory (a few tens of MiB).
 *       Everything large goes to the scratch disk;</li>
 *   <li>bridge networking (the EC2 default): the instance's public address serves the task, so
 *       no NAT gateway is needed ({@link WorkerNetwork});</li>
 *   <li>the image comes from a registry ({@code ContainerImage.fromRegistry}), nothing is built
 *       at synth time; an ECR image gets a pull grant on its repository alone
 *       ({@link EcrImage}).</li>
 * </ul>
 */
public final class WorkerTask extends Construct {

    public static final int STOP_TIMEOUT_SECONDS = 120;
    public static final int LOG_RETENTION_DAYS = 30;
    /** The container's name in the task definition. */
    public static final String CONTAINER = "worker";
    /**
     * The user and group ({@code uid:gid}) the worker runs as: the worker image's non-root user.
     * The scratch disk ({@link ScratchDisk}) belongs to it.
     */
    public static final String USER = "10001:10001";
    /** The task's host volume of the scratch disk. */
    public static final String SCRATCH_VOLUME = "scratch";
    /** The scratch disk inside the container, the worker's {@code SEISWORK_WORK_DIR}. */
    public static final String WORK_DIR = "/scratch";
    /** Size of the tmpfs at {@code /tmp} in MiB. */
    public static final int TMP_MIB = 2048;

    private final Ec2TaskDefinition definition;
    private final LogGroup logs;

    public WorkerTask(Construct scope, String id, StackSettings settings, JobStore store) {
        super(scope, id);
        logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName(Protocol.LOG_GROUP)
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        definition = Ec2TaskDefinition.Builder.create(this, "Definition")
                .family(Protocol.SERVICE)
                .networkMode(NetworkMode.BRIDGE)
                .volumes(List.of(Volume.builder().name(SCRATCH_VOLUME)
                        .host(Host.builder().sourcePath(ScratchDisk.HOST_PATH).build()).build()))
                .build();
        LinuxParameters linux = new LinuxParameters(this, "Linux");
        linux.addTmpfs(Tmpfs.builder().containerPath("/tmp").size(TMP_MIB)
                .mountOptions(List.of(TmpfsMountOption.RW, TmpfsMountOption.NOSUID, TmpfsMountOption.NODEV)).build());
        definition.addContainer(CONTAINER, ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(settings.workerImage()))
                .command(List.of("worker", "--cloud", "aws"))
                .gpuCount(1)
                .memoryLimitMiB(settings.workerMemoryMiB())
                .essential(true)
                .user(USER)
                .readonlyRootFilesystem(true)
                .linuxParameters(linux)
                .stopTimeout(Duration.seconds(STOP_TIMEOUT_SECONDS))
                .environment(Map.of(
                        "SEISWORK_CLOUD", "aws",
                        "SEISWORK_BUCKET", store.bucket().getBucketName(),
                        "SEISWORK_TABLE", Protocol.TABLE,
                        "SEISWORK_QUEUE", Protocol.QUEUE,
                        "SEISWORK_WORK_DIR", WORK_DIR,
                        "AWS_REGION", Stack.of(this).getRegion()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logs)
                        .streamPrefix(CONTAINER)
                        .mode(AwsLogDriverMode.NON_BLOCKING)
                        .maxBufferSize(Size.mebibytes(25))
                        .build()))
                .build());
        definition.getDefaultContainer().addMountPoints(MountPoint.builder()
                .sourceVolume(SCRATCH_VOLUME).containerPath(WORK_DIR).readOnly(false).build());
        EcrImage.parse(settings.workerImage()).ifPresent(ecr -> {
            Repository.fromRepositoryAttributes(this, "Repository", RepositoryAttributes.builder()
                            .repositoryArn(ecr.repositoryArn()).repositoryName(ecr.repository()).build())
                    .grantPull(definition.obtainExecutionRole());
            Annotations.of(definition.getDefaultContainer()).acknowledgeWarning("@aws-cdk/aws-ecs:ecrImageRequiresPolicy",
                    "the execution role is granted pulls from the image's repository");
        });
    }

    public Ec2TaskDefinition definition() {
        return definition;
    }

    public ContainerDefinition container() {
        return definition.getDefaultContainer();
    }

    public LogGroup logs() {
        return logs;
    }
}
