/** The in-memory dataset the engine trains on: flat row-major float features and targets. */
package org.mlp4j.engine.data;
