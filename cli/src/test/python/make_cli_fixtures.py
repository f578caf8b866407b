#!/usr/bin/python3
"""Pickle and NumPy fixtures for the CLI tests, made from the bundled 8x8 digits with Debian's NumPy
(/usr/bin/python3, python3-numpy 1.24). Run from the repository root:
    /usr/bin/python3 cli/src/test/python/make_cli_fixtures.py
"""
import gzip, pickle, numpy as np

rows = np.loadtxt("datasets/src/main/resources/org/mlp4j/datasets/digits.csv.gz", delimiter=",")
x = rows[:, :64].astype(np.uint8)
y = rows[:, 64].astype(np.int64)
out = "cli/src/test/resources/fixtures/"

def onehot(labels):
    o = np.zeros((len(labels), 10, 1), dtype=np.float32)
    o[np.arange(len(labels)), labels, 0] = 1
    return o

# the from-scratch tutorial's dict: inputs (N, 64, 1) floats in 0..1, one-hot labels (N, 10, 1)
with gzip.GzipFile(out + "tutorial_dict.pkl.gz", "wb", compresslevel=9, mtime=0) as f:
    pickle.dump({"count": np.int64(1000), "inputs": (x[:1000] / 16.0).astype(np.float32).reshape(-1, 64, 1),
                 "labels": onehot(y[:1000])}, f, protocol=4)
# mnist.pkl.gz's layout: ((train_x, train_y), (valid_x, valid_y), (test_x, test_y)), protocol 2
with gzip.GzipFile(out + "splits.pkl.gz", "wb", compresslevel=9, mtime=0) as f:
    pickle.dump(((x[:1000].astype(np.float32) / 16, y[:1000]), (x[1000:1300].astype(np.float32) / 16, y[1000:1300]),
                 (x[1300:].astype(np.float32) / 16, y[1300:])), f, protocol=2)
# a plain (x, y) pair at protocol 5
with open(out + "pair.pkl", "wb") as f:
    pickle.dump((x[:1000], y[:1000]), f, protocol=5)
# Keras-style arrays in an .npz
np.savez_compressed(out + "digits.npz", x_train=x[:1300], y_train=y[:1300], x_test=x[1300:], y_test=y[1300:])
print("numpy", np.__version__)
