#!/usr/bin/python3
"""Writes the pickle / .npy / .npz fixtures the mlp4j-formats tests read.

Made with Debian 12's Python 3.11 and NumPy 1.24.2 (run it as /usr/bin/python3, not a pyenv python):

    cd formats/src/test/python && /usr/bin/python3 make_pickle_numpy_fixtures.py

Every value is deterministic (np.arange and simple formulas) so that the Java tests can assert exact
values; the formulas are repeated in the tests' Javadoc. Keep the output small (< 200 KB in all).
"""
import gzip
import io
import os
import pickle
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, '..', 'resources')
PK = os.path.join(RES, 'pickle')
NP = os.path.join(RES, 'numpy')
os.makedirs(PK, exist_ok=True)
os.makedirs(NP, exist_ok=True)


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def features(rows, cols):
    """x[i, j] = (i * cols + j) / 4, float32."""
    return (np.arange(rows * cols, dtype=np.float32) / 4).reshape(rows, cols)


def class_labels(rows, classes):
    """y[i] = i % classes, int64."""
    return np.arange(rows, dtype=np.int64) % classes


# --- every protocol: a dict of plain containers and two arrays -------------------------------------
def plain(protocol):
    return {
        'x': features(4, 3),                 # (4, 3) float32
        'y': class_labels(4, 3),             # [0 1 2 0] int64
        'name': 'protocol %d \u00e9\u4e2d\\\n' % protocol,  # non-latin1 and escapes for protocol 0
        'n': 4, 'neg': -5, 'big': 2 ** 70, 'negbig': -(2 ** 70), 'i32': 70000, 'i16': 40000,
        'ratio': 0.5, 'flag': True, 'off': False, 'none': None,
        'bytes': b'\x00\xff\\\n', 'list': [1, 2.5, 'a'], 'nested': (1, (2, 3)), 'empty': (),
    }


for p in range(6):
    write(os.path.join(PK, 'plain_protocol%d.pkl' % p), pickle.dumps(plain(p), protocol=p))

# --- all dtypes, C and Fortran order, both byte orders: protocol 2 (_reconstruct) and 5 (_frombuffer)
DTYPES = ['?', 'u1', 'i1', 'i2', 'i4', 'i8', 'u2', 'u4', 'f2', 'f4', 'f8',
          '>i2', '>i4', '>i8', '>u2', '>u4', '>f2', '>f4', '>f8']


def dtype_arrays():
    out = {}
    for dt in DTYPES:
        if dt == '?':
            a = (np.arange(6) % 2).astype('?')          # [F T F T F T]
        elif np.dtype(dt).kind == 'u':
            a = (np.arange(6) * 7).astype(dt)          # 0 7 14 ...
        else:
            a = (np.arange(6) - 3).astype(dt)          # -3 -2 -1 0 1 2
        out[dt] = a.reshape(2, 3)
    # Fortran order: same logical values as the C arrays; only the memory layout differs
    out['fortran_f4'] = np.asfortranarray((np.arange(6, dtype=np.float32) - 3).reshape(2, 3))
    out['fortran_3d_i4'] = np.asfortranarray(np.arange(24, dtype=np.int32).reshape(2, 3, 4))
    out['fortran_be_f8'] = np.asfortranarray((np.arange(6) - 3).astype('>f8').reshape(2, 3))
    out['fractions_f2'] = np.array([0.5, -1.25, 65504.0, 6.1035156e-05, np.inf], dtype='f2')
    out['zero_d'] = np.array(7, dtype=np.int16)
    return out


write(os.path.join(PK, 'dtypes_protocol2.pkl'), pickle.dumps(dtype_arrays(), protocol=2))
write(os.path.join(PK, 'dtypes_protocol5.pkl'), pickle.dumps(dtype_arrays(), protocol=5))
write(os.path.join(PK, 'dtypes_protocol0.pkl'), pickle.dumps(
    {k: v for k, v in dtype_arrays().items() if k in ('i4', '>f8', 'fortran_f4', 'u1')}, protocol=0))

# --- numpy scalars --------------------------------------------------------------------------------
SCALARS = {'count': np.int64(60000), 'f32': np.float32(1.5), 'f64': np.float64(-2.25),
           'flag': np.bool_(True), 'u8': np.uint8(200), 'i16be': np.array(-300, dtype='>i2')[()]}
write(os.path.join(PK, 'scalars_protocol2.pkl'), pickle.dumps(SCALARS, protocol=2))
write(os.path.join(PK, 'scalars_protocol4.pkl'), pickle.dumps(SCALARS, protocol=4))

# --- the tutorial dict: {'count': N, 'labels': (N,10,1) one-hot, 'inputs': (N,784,1)} ----------------
N = 20
inputs = ((np.arange(N * 784) % 256) / 256.0).astype(np.float32).reshape(N, 784, 1)
labels = np.zeros((N, 10, 1))
labels[np.arange(N), np.arange(N) % 10, 0] = 1.0
tutorial = {'count': N, 'labels': labels, 'inputs': inputs}
with gzip.GzipFile(os.path.join(PK, 'tutorial.pkl.gz'), 'wb', mtime=0) as f:
    pickle.dump(tutorial, f, protocol=4)
write(os.path.join(PK, 'tutorial_small.pkl'), pickle.dumps(
    {'count': 3, 'labels': labels[:3], 'inputs': inputs[:3]}, protocol=2))

# --- (x, y) pair, ((train),(valid),(test)) splits (as mnist.pkl.gz), Keras-style ((train),(test)) ----
write(os.path.join(PK, 'pair.pkl'), pickle.dumps((features(5, 2), class_labels(5, 2)), protocol=3))
# split s (0 train, 1 valid, 2 test) with n rows: x = features(n, 4) + 100 * s, y = i % 3
splits = tuple((features(n, 4) + s * 100, class_labels(n, 3)) for s, n in enumerate((6, 3, 2)))
with gzip.GzipFile(os.path.join(PK, 'splits.pkl.gz'), 'wb', mtime=0) as f:
    pickle.dump(splits, f, protocol=2)
# images (3,28,28) uint8: imgs.flat[k] = k % 251
imgs = (np.arange(3 * 28 * 28) % 251).astype(np.uint8).reshape(3, 28, 28)
write(os.path.join(PK, 'keras_style.pkl'), pickle.dumps(
    ((imgs, np.array([5, 0, 4], dtype=np.uint8)), (imgs[:2], np.array([7, 2], dtype=np.uint8))), protocol=4))

# --- dict with x_train/y_train/x_test/y_test; regression targets; one-hot (N,10) float32 ------------
write(os.path.join(PK, 'train_test_dict.pkl'), pickle.dumps(
    {'x_train': features(4, 2), 'y_train': class_labels(4, 2), 'x_test': features(2, 2) + 1,
     'y_test': np.array([1, 0])}, protocol=4))
write(os.path.join(PK, 'regression.pkl'), pickle.dumps(
    {'X': features(3, 2), 'Y': np.array([0.5, 1.0, -2.25])}, protocol=4))
onehot = np.eye(10, dtype=np.float32)[[3, 1, 4, 1]]
write(os.path.join(PK, 'onehot.pkl'), pickle.dumps({'data': features(4, 5), 'target': onehot}, protocol=4))

# --- concatenated pickles: pickle.dump(a, f); pickle.dump(b, f) -----------------------------------
buf = io.BytesIO()
pickle.dump(features(3, 2), buf, protocol=2)
pickle.dump(class_labels(3, 2), buf, protocol=4)
write(os.path.join(PK, 'concatenated.pkl'), buf.getvalue())

# --- an empty array: at protocols <= 2 Python 3 pickles its empty data as builtins.bytes() ------------
write(os.path.join(PK, 'empty_array_protocol2.pkl'), pickle.dumps(np.zeros((0, 3), dtype='f4'), protocol=2))

# --- refused: an object array ---------------------------------------------------------------------
write(os.path.join(PK, 'object_array.pkl'), pickle.dumps(np.array([1, 'a', None], dtype=object), protocol=2))
write(os.path.join(PK, 'object_array_protocol5.pkl'), pickle.dumps(np.array([1, 'a'], dtype=object), protocol=5))

# --- .npy v1 / v2 / v3, Fortran order, big endian, object -----------------------------------------
np.save(os.path.join(NP, 'features_v1.npy'), features(3, 4))
for version in ((2, 0), (3, 0)):
    with open(os.path.join(NP, 'features_v%d.npy' % version[0]), 'wb') as f:
        np.lib.format.write_array(f, features(3, 4), version=version)
np.save(os.path.join(NP, 'fortran_f8.npy'), np.asfortranarray((np.arange(6) - 3).astype('f8').reshape(2, 3)))
np.save(os.path.join(NP, 'bigendian_i4.npy'), (np.arange(6) - 3).astype('>i4').reshape(3, 2))
np.save(os.path.join(NP, 'bool.npy'), (np.arange(5) % 2).astype('?'))
np.save(os.path.join(NP, 'half.npy'), np.array([0.5, -1.25, 65504.0], dtype='<f2'))
np.save(os.path.join(NP, 'scalar_u2.npy'), np.array(513, dtype='<u2'))
np.save(os.path.join(NP, 'object.npy'), np.array([1, 'a'], dtype=object), allow_pickle=True)

# --- .npz: np.savez (stored) and np.savez_compressed (deflated) -----------------------------------
np.savez(os.path.join(NP, 'mnist_like.npz'), x_train=imgs, y_train=np.array([5, 0, 4], dtype=np.uint8),
         x_test=imgs[:2], y_test=np.array([7, 2], dtype=np.uint8))
np.savez_compressed(os.path.join(NP, 'compressed.npz'), inputs=features(4, 3), labels=class_labels(4, 3))
np.savez(os.path.join(NP, 'positional.npz'), features(2, 2), class_labels(2, 2))  # arr_0, arr_1

print('numpy', np.__version__, 'python', sys.version.split()[0], file=sys.stderr)
