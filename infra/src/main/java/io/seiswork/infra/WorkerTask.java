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
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.NetworkMode;
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
                .build();
        definition.addContainer(CONTAINER, ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(settings.workerImage()))
                .command(List.of("worker", "--cloud", "aws"))
                .gpuCount(1)
                .memoryLimitMiB(settings.workerMemoryMiB())
                .essential(true)
                .stopTimeout(Duration.seconds(STOP_TIMEOUT_SECONDS))
                .environment(Map.of(
                        "SEISWORK_CLOUD", "aws",
                        "SEISWORK_BUCKET", store.bucket().getBucketName(),
                        "SEISWORK_TABLE", Protocol.TABLE,
                        "SEISWORK_QUEUE", Protocol.QUEUE,
                        "AWS_REGION", Stack.of(this).getRegion()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logs)
                        .streamPrefix(CONTAINER)
                        .mode(AwsLogDriverMode.NON_BLOCKING)
                        .maxBufferSize(Size.mebibytes(25))
                        .build()))
                .build());
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
