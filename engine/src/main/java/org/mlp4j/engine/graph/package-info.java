/**
 * Composite models: define-by-run differentiation ({@link org.mlp4j.engine.graph.Tape},
 * {@link org.mlp4j.engine.graph.Tensor}) over batch-major float32 matrices, trainable
 * {@link org.mlp4j.engine.graph.Parameter}s of any shape, whole networks as one operation
 * ({@link org.mlp4j.engine.graph.Subnet}, frozen or not), named parameter sets that save and load like a
 * {@code state_dict} ({@link org.mlp4j.engine.graph.Model}), and any optimizer over any parameters
 * ({@link org.mlp4j.engine.graph.Updater}).
 */
package org.mlp4j.engine.graph;
