/** Short, complete programs on the engine's API, run by {@code mlp4j example NAME}; each is meant to be copied. */
package org.mlp4j.examples;
