/**
 * Python pickles as data: {@link org.mlp4j.formats.pickle.Unpickler}, an allow-list unpickler that rebuilds
 * NumPy arrays and plain containers and refuses everything else, and
 * {@link org.mlp4j.formats.pickle.PickleDatasets}, which maps what a pickle holds to a training set.
 */
package org.mlp4j.formats.pickle;
