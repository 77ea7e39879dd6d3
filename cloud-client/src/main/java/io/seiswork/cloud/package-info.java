/**
 * Cloud dispatch over AWS: artifact store (S3), job table (DynamoDB), shot queue (SQS).
 *
 * <p>No code yet: this module is reserved by the architecture (see docs/architecture.md).
 */
package io.seiswork.cloud;
