/**
 * Python pickles as data: {@link org.mlp4j.formats.pickle.Unpickler}, an allow-list unpickler that rebuilds
 * NumPy arrays and plain containers and refuses everything else; {@link org.mlp4j.formats.pickle.PickleArrays},
 * which finds a dataset's splits in the object graph a pickle holds; and
 * {@link org.mlp4j.formats.pickle.PickleSource} and {@link org.mlp4j.formats.pickle.PickleDatasets}, the
 * file-level entry points.
 */
package org.mlp4j.formats.pickle;
