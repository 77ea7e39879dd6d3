/**
 * The artifact store on S3: validated object addresses and ranged reads for remote volumes.
 * Clients are built by the caller from the AWS default credential chain (profiles, environment,
 * instance roles); nothing here reads or logs credentials.
 */
package io.seiswork.cloud.s3;
