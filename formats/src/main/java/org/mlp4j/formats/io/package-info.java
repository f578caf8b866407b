/**
 * File plumbing shared by the readers and writers: transparent gzip by magic bytes, a peek at a file's first
 * bytes for format detection, atomic and durable writes (temp file in the same directory, fsync, rename, fsync of
 * the directory), and the memory budget every reader checks before allocating what its input asks for.
 */
package org.mlp4j.formats.io;
