/** JMH suites and the mlp4j side of the peer comparisons (see {@code bench/README.md}). */
package org.mlp4j.bench;
