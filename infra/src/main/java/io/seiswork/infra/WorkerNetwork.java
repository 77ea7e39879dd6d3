package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * The workers' network: a VPC over two availability zones with public subnets only, and a
 * security group that lets nothing in.
 *
 * <p>Why public subnets and no NAT gateway: a worker only makes outbound HTTPS calls (SQS,
 * DynamoDB, S3, ECR, CloudWatch Logs, the ECS control plane) and serves nothing, so an instance
 * with a public address and a security group without inbound rules is as closed as one behind a
 * NAT, and a NAT gateway would cost about 32 USD a month per zone while the fleet sits at zero.
 * S3 and DynamoDB traffic (inputs, results, every state change) goes through gateway endpoints,
 * which are free and keep it off the internet. Two zones give spot two capacity pools per
 * instance type.
 */
public final class WorkerNetwork extends Construct {

    private final Vpc vpc;
    private final SecurityGroup workers;

    public WorkerNetwork(Construct scope, String id) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("public").subnetType(SubnetType.PUBLIC).cidrMask(20).build()))
                // Left as AWS makes it: restricting it needs a custom-resource Lambda, and nothing uses it.
                .restrictDefaultSecurityGroup(false)
                .gatewayEndpoints(Map.of(
                        "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
                        "DynamoDb", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .build();
        workers = SecurityGroup.Builder.create(this, "Workers")
                .vpc(vpc)
                .description("Seiswork GPU workers: no inbound traffic, outbound to AWS APIs")
                .allowAllOutbound(true)
                .build();
    }

    public Vpc vpc() {
        return vpc;
    }

    /** The workers' security group: no inbound rule at all. */
    public SecurityGroup workers() {
        return workers;
    }
}
