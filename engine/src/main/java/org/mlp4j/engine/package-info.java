/**
 * mlp4j's engine: {@link org.mlp4j.engine.Network} definitions (dense layers, activations, losses, initialisers),
 * forward passes through a reusable {@link org.mlp4j.engine.Workspace}, prediction and evaluation.
 * Depends on the JDK only.
 */
package org.mlp4j.engine;
