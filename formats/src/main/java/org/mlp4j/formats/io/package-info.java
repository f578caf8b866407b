/**
 * File plumbing shared by the readers and writers: transparent gzip by magic bytes, a peek at a file's first
 * bytes for format detection, and atomic writes (temp file in the same directory, then rename).
 */
package org.mlp4j.formats.io;
