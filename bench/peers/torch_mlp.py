#!/usr/bin/python3
"""PyTorch side of the training benchmark: the same network, batch, optimizer and protocol as `mlp4j bench`.

Trains a ReLU/softmax MLP with plain SGD (lr 0.1) on Fashion-MNIST when Debian's dataset-fashion-mnist is installed
(else 60,000 seeded random rows), one warm-up epoch then the median of --epochs timed epochs; then inference latency
at batch 1 (median of 2000 single-row calls) and throughput at batch 1000. Prints one JSON object per thread setting.

Usage: /usr/bin/python3 bench/peers/torch_mlp.py --layers 784,128,64,10 --batch 128 --epochs 3 --threads 1
("--threads N" is torch.set_num_threads(N); 0 leaves PyTorch's start-up default.)
"""
import argparse, gzip, json, os, statistics, struct, time
import numpy as np
import torch

def fashion_mnist(rows_needed):
    d = "/usr/share/datasets/fashion-mnist"
    path = os.path.join(d, "train-images-idx3-ubyte.gz")
    if not os.path.exists(path):
        return None
    with gzip.open(path) as f:
        _, n, r, c = struct.unpack(">IIII", f.read(16))
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, r * c).astype(np.float32) / 255
    with gzip.open(os.path.join(d, "train-labels-idx1-ubyte.gz")) as f:
        f.read(8)
        y = np.frombuffer(f.read(), dtype=np.uint8).astype(np.int64)
    return x, y

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--layers", default="784,128,64,10")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    widths = [int(w) for w in a.layers.split(",")]
    data = fashion_mnist(60000) if widths[0] == 784 and widths[-1] == 10 else None
    if data is None:
        rng = np.random.default_rng(42)
        data = (rng.random((60000, widths[0]), dtype=np.float32), rng.integers(0, widths[-1], 60000))
    x = torch.from_numpy(data[0])
    y = torch.from_numpy(data[1])
    torch.manual_seed(1)
    mods = []
    for i in range(1, len(widths)):
        mods.append(torch.nn.Linear(widths[i - 1], widths[i]))
        if i < len(widths) - 1:
            mods.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*mods)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    rows = x.shape[0]

    def epoch():
        perm = torch.randperm(rows)
        t = time.perf_counter()
        for s in range(0, rows, a.batch):
            idx = perm[s:s + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
        return time.perf_counter() - t

    epoch()
    seconds = statistics.median(epoch() for _ in range(a.epochs))
    per_sample = 0
    for i in range(1, len(widths)):
        macs = widths[i - 1] * widths[i]
        per_sample += 2 * macs + (macs if i > 1 else 0)
    gflops = 2 * per_sample * rows / seconds / 1e9
    with torch.no_grad():
        lat = []
        for i in range(3000 + 2000):
            row = x[i % 1000:i % 1000 + 1]
            t = time.perf_counter()
            net(row)
            if i >= 3000:
                lat.append(time.perf_counter() - t)
        thr = []
        xb = x[:1000]
        for i in range(20):
            t = time.perf_counter()
            net(xb)
            if i >= 5:
                thr.append(1000 / (time.perf_counter() - t))
    print(json.dumps({"peer": "pytorch " + torch.__version__, "layers": a.layers, "batch": a.batch,
                      "threads": a.threads if a.threads > 0 else "default (" + str(torch.get_num_threads()) + ")",
                      "epochs": a.epochs, "secondsPerEpoch": seconds, "samplesPerSecond": rows / seconds,
                      "gflops": gflops, "latencyMicrosBatch1": statistics.median(lat) * 1e6,
                      "inferenceSamplesPerSecondBatch1000": statistics.median(thr)}))

if __name__ == "__main__":
    main()
