/** The process-wide worker pool that kernels split work across. */
package org.mlp4j.engine.parallel;
