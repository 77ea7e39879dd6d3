/**
 * The AWS CDK application that deploys Seiswork's cloud stack: the job bucket, the job table, the
 * shot queue with its dead-letter queue, the GPU worker fleet on ECS that scales on the queue's
 * backlog, least-privilege roles for workers and submitters, and the CloudWatch alarms and
 * dashboard (a Grafana dashboard on the same metrics lies in {@code infra/grafana/}).
 *
 * <p>Every name and key pattern the application code relies on (the cloud protocol of
 * {@code shared/design/ARCHITECTURE.md}) is gathered in {@link io.seiswork.infra.Protocol}; the
 * stack is synthesized and tested offline ({@code docs/cloud.md}, "Deploying to AWS").
 */
package io.seiswork.infra;
