/**
 * Small file-system chores shared by the modules: scratch folders, durable writes, errors in
 * words, a file's identity ({@link io.seiswork.core.files.FileIdentity}) and its SHA-256 read in
 * one pass and remembered while it is unchanged ({@link io.seiswork.core.files.FileSha256}).
 */
package io.seiswork.core.files;
