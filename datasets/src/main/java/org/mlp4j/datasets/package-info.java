/**
 * Named datasets: the bundled {@code digits}, {@code fashion-mnist} and {@code mnist} (found locally or downloaded
 * and verified), and seeded synthetic sets ({@code xor}, {@code spirals}, {@code blobs}).
 */
package org.mlp4j.datasets;
