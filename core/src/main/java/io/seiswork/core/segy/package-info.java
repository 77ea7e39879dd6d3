/**
 * SEG-Y (revisions 0, 1 and 2) and Seismic Unix reading and writing.
 *
 * <p>{@link io.seiswork.core.segy.SegyReader} reads trace by trace with positioned file reads, so
 * the summary of a 20 GB file or one of its traces never needs the whole file in memory;
 * {@link io.seiswork.core.segy.SegyWriter} writes trace by trace. Byte positions in this package
 * are the 1-based positions of the SEG-Y standard: trace-header bytes 1..240 counted from the
 * start of each trace header, binary-header bytes 3201..3600 counted from the start of the file.
 * See {@code docs/formats/segy.md} for the rules (byte-order detection, scalars, geometry).
 */
package io.seiswork.core.segy;
