/** Verified, atomic downloads of dataset files (SHA-256, temp file then rename). */
package org.mlp4j.datasets.download;
