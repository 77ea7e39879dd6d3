/**
 * AWS CDK application that describes the cloud stack (buckets, table, queues, GPU fleet, dashboards).
 *
 * <p>No code yet: this module is reserved by the architecture (see docs/architecture.md).
 */
package io.seiswork.infra;
