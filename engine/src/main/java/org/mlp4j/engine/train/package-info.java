/** Training: the {@link org.mlp4j.engine.train.Trainer}, its options, optimizers, listeners and history. */
package org.mlp4j.engine.train;
