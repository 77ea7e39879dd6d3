package io.seiswork.infra;

import java.util.List;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.Ec2Service;
import software.constructs.Construct;

/**
 * The worker fleet: an ECS cluster on GPU instances ({@link GpuCapacity}) running the service
 * {@value Protocol#SERVICE} of worker tasks ({@link WorkerTask}) whose count follows the shot
 * queue's backlog ({@link BacklogScaling}), from zero when the queue is empty.
 *
 * <p>Why ECS on EC2 rather than Fargate or AWS Batch: Fargate has no GPUs, and a long-running
 * service of queue consumers matches the protocol (workers pull shots, hand them back on SIGTERM)
 * better than one Batch job per shot would. The service starts at zero tasks and lets its
 * deployments stop every task at once ({@code minHealthyPercent 0}): an update during a job hands
 * the running shots back to the queue, and the new tasks take them up.
 */
public final class WorkerFleet extends Construct {

    private final Cluster cluster;
    private final WorkerTask task;
    private final GpuCapacity capacity;
    private final Ec2Service service;
    private final BacklogScaling scaling;

    public WorkerFleet(Construct scope, String id, StackSettings settings, JobStore store, ShotQueues queues,
            FleetMetrics metrics) {
        super(scope, id);
        WorkerNetwork network = new WorkerNetwork(this, "Network");
        cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(Protocol.CLUSTER)
                .vpc(network.vpc())
                // The running-task count that scaling divides by comes from Container Insights.
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();
        task = new WorkerTask(this, "Task", settings, store);
        WorkerPermissions.grant(task.definition().getTaskRole(), store, queues, cluster);
        capacity = new GpuCapacity(this, "Capacity", settings, network, cluster, task.logs());
        service = Ec2Service.Builder.create(this, "Service")
                .serviceName(Protocol.SERVICE)
                .cluster(cluster)
                .taskDefinition(task.definition())
                .desiredCount(0)
                .minHealthyPercent(0)
                .maxHealthyPercent(100)
                // A deployment whose tasks cannot start (a bad image) fails fast and rolls back.
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .capacityProviderStrategies(List.of(CapacityProviderStrategy.builder()
                        .capacityProvider(capacity.capacityProvider().getCapacityProviderName()).weight(1).base(0).build()))
                .build();
        // CloudFormation creates a service whose strategy names a capacity provider only once the
        // provider is associated with the cluster; the association is a child of the cluster.
        service.getNode().addDependency(cluster);
        scaling = new BacklogScaling(this, "Scaling", service, metrics, settings.maxWorkers());
    }

    public Cluster cluster() {
        return cluster;
    }

    public WorkerTask task() {
        return task;
    }

    public GpuCapacity capacity() {
        return capacity;
    }

    public Ec2Service service() {
        return service;
    }

    public BacklogScaling scaling() {
        return scaling;
    }
}
