package io.seiswork.infra;

import java.util.List;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.InstancesDistribution;
import software.amazon.awscdk.services.autoscaling.LaunchTemplateOverrides;
import software.amazon.awscdk.services.autoscaling.MixedInstancesPolicy;
import software.amazon.awscdk.services.autoscaling.OnDemandAllocationStrategy;
import software.amazon.awscdk.services.autoscaling.SpotAllocationStrategy;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.LaunchTemplateHttpTokens;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.ecs.AmiHardwareType;
import software.amazon.awscdk.services.ecs.AsgCapacityProvider;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.EcsOptimizedImage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * The GPU instances the workers run on: an Auto Scaling group of ECS GPU-optimized Amazon Linux 2023
 * instances (Amazon Linux 2's support ended on 2026-06-30) behind an ECS capacity provider, so that ECS starts and stops instances as the worker
 * service's task count changes (managed scaling) and never terminates an instance that still runs
 * a shot (managed termination protection), down to none at all.
 *
 * <p>Spot: above an on-demand base of zero, instances are spot when {@link StackSettings#spot()}
 * (price-capacity-optimized over every given instance type and both zones), because the protocol
 * survives an interruption: the ECS agent drains a spot instance on the two-minute notice
 * ({@code ECS_ENABLE_SPOT_INSTANCE_DRAINING}: the agent sets its own container instance DRAINING with
 * {@code ecs:UpdateContainerInstancesState}, which the instance role grants), the worker gets
 * SIGTERM and hands its shot back.
 *
 * <p>Disks: an encrypted gp3 root volume of {@link StackSettings#workerDiskGiB()} GiB (system,
 * Docker images, container layers) and the workers' scratch disk, which the user data prepares
 * before the ECS agent starts: instance store or an EBS volume of
 * {@link StackSettings#scratchDiskGiB()} GiB ({@link ScratchDisk}).
 *
 * <p>The instance role is written here statement by statement instead of taking what
 * {@code Cluster.addAsgCapacityProvider} would add (wildcard {@code ecs:Submit*}, CloudWatch Logs
 * on every log group): the ECS agent's calls on this cluster, its container instances and the
 * worker log group; container instances are this cluster's ({@code container-instance/seiswork/*}). Only {@code ecs:DiscoverPollEndpoint} has resource {@code *}, because that
 * action has no resource type. Containers cannot borrow this role: the instance metadata service
 * demands IMDSv2 tokens with a hop limit of one, which a container on the bridge network is one
 * hop too far to use; the worker gets its own task role through the ECS agent.
 */
public final class GpuCapacity extends Construct {

    /** The capacity provider's name, which the worker service's strategy names. */
    public static final String CAPACITY_PROVIDER = "seiswork-gpu";

    private final AsgCapacityProvider capacityProvider;
    private final AutoScalingGroup instances;

    public GpuCapacity(Construct scope, String id, StackSettings settings, WorkerNetwork network, Cluster cluster,
            ILogGroup workerLogs) {
        super(scope, id);
        Role role = Role.Builder.create(this, "InstanceRole")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .description("Seiswork GPU instances: the ECS agent on the seiswork cluster")
                .build();
        grantAgent(role, cluster);
        workerLogs.grantWrite(role);

        UserData userData = UserData.forLinux();
        userData.addCommands("echo ECS_ENABLE_GPU_SUPPORT=true >> /etc/ecs/ecs.config");
        if (settings.spot()) {
            userData.addCommands("echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config");
        }
        // Before the ECS agent starts, which waits for the user data (ScratchDisk).
        userData.addCommands(ScratchDisk.userData().toArray(String[]::new));
        LaunchTemplate template = LaunchTemplate.Builder.create(this, "LaunchTemplate")
                .machineImage(EcsOptimizedImage.amazonLinux2023(AmiHardwareType.GPU))
                // The capacity provider would add its own statements to a mutable role; these are ours.
                .role(role.withoutPolicyUpdates())
                .userData(userData)
                .securityGroup(network.workers())
                .associatePublicIpAddress(true)
                .httpTokens(LaunchTemplateHttpTokens.REQUIRED)
                .httpPutResponseHopLimit(1)
                .blockDevices(List.of(BlockDevice.builder().deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(settings.workerDiskGiB(), EbsDeviceOptions.builder()
                                .volumeType(EbsDeviceVolumeType.GP3).encrypted(true).deleteOnTermination(true).build()))
                        .build(),
                        ScratchDisk.ebsVolume(settings.scratchDiskGiB())))
                .build();
        instances = AutoScalingGroup.Builder.create(this, "Instances")
                .vpc(network.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .mixedInstancesPolicy(MixedInstancesPolicy.builder()
                        .launchTemplate(template)
                        .launchTemplateOverrides(settings.instanceTypes().stream()
                                .map(type -> LaunchTemplateOverrides.builder().instanceType(new InstanceType(type)).build())
                                .toList())
                        .instancesDistribution(InstancesDistribution.builder()
                                .onDemandBaseCapacity(0)
                                .onDemandPercentageAboveBaseCapacity(settings.spot() ? 0 : 100)
                                .onDemandAllocationStrategy(OnDemandAllocationStrategy.PRIORITIZED)
                                .spotAllocationStrategy(SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED)
                                .build())
                        .build())
                .minCapacity(0)
                .maxCapacity(settings.maxWorkers())
                .build();
        capacityProvider = AsgCapacityProvider.Builder.create(this, "CapacityProvider")
                .capacityProviderName(CAPACITY_PROVIDER)
                .autoScalingGroup(instances)
                .enableManagedScaling(true)
                .enableManagedTerminationProtection(true)
                .enableManagedDraining(true)
                .targetCapacityPercent(100)
                .build();
        cluster.addAsgCapacityProvider(capacityProvider);
    }

    /** What the ECS agent calls, each on the narrowest resource the action supports. */
    private static void grantAgent(Role role, Cluster cluster) {
        // Container instances of this cluster only (the long ARN format, container-instance/<cluster>/<id>).
        String containerInstances = Stack.of(cluster).formatArn(ArnComponents.builder()
                .service("ecs").resource("container-instance").resourceName(Protocol.CLUSTER + "/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("EcsAgentOnCluster")
                .actions(List.of("ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance",
                        "ecs:SubmitAttachmentStateChanges", "ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange"))
                .resources(List.of(cluster.getClusterArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("EcsAgentOnContainerInstances")
                // UpdateContainerInstancesState: the agent's spot poller sets its own instance DRAINING
                // on the two-minute notice, which is what sends the worker SIGTERM.
                .actions(List.of("ecs:Poll", "ecs:StartTelemetrySession", "ecs:PutSystemLogEvents",
                        "ecs:UpdateContainerInstancesState"))
                .resources(List.of(containerInstances))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("EcsAgentDiscoversEndpoint")
                .actions(List.of("ecs:DiscoverPollEndpoint"))
                .resources(List.of("*"))
                .build());
    }

    public AsgCapacityProvider capacityProvider() {
        return capacityProvider;
    }

    public AutoScalingGroup instances() {
        return instances;
    }
}
