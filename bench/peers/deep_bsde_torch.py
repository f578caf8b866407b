#!/usr/bin/python3
"""The deep BSDE solver for Allen-Cahn in 100 dimensions in PyTorch: a literal port of the authors' TF2 model
(github.com/frankhan91/DeepBSDE, solver.py + equation.py) in float32, the peer of `mlp4j example deep-bsde`.

Variants:
  plain  - one nn.Module per subnet, evaluated in turn (the reference's structure);
  bmm    - the 19 subnets' weights stacked and evaluated together with torch.bmm (possible because X does not
           depend on the networks): the fastest variant.

BatchNorm follows Keras: batch statistics with the biased variance in training, moving averages (momentum 0.99,
updated with the biased variance) at inference, eps 1e-6, gamma ~ U(0.1, 0.5), beta ~ N(0, 0.1^2); Dense layers
Glorot-uniform without bias except the last; Adam lr 5e-4, eps 1e-8; batch 64, validation 256 paths.

Prints the log lines on stderr and one JSON object on stdout:
  {"variant","threads","iterations","seconds","msPerIteration","y0","y0Mean","relativeError"}

Usage: /usr/bin/python3 deep_bsde_torch.py [--variant bmm|plain] [--iterations 4000] [--seed 1] [--threads 1]
"""
import argparse
import json
import math
import sys
import time

import torch

D, N, T = 100, 20, 0.3
DT = T / N
SIGMA = math.sqrt(2.0)
BATCH, VALID, DELTA_CLIP = 64, 256, 50.0
REFERENCE = 0.052802
H = D + 10


def sample(rows, gen):
    dw = torch.randn(rows, D, N, generator=gen) * math.sqrt(DT)
    x = torch.zeros(rows, D, N + 1)
    x[:, :, 1:] = torch.cumsum(SIGMA * dw, dim=2)
    return dw, x


def glorot(fan_in, fan_out, *lead):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return (torch.rand(*lead, fan_in, fan_out) * 2 - 1) * limit


class BatchNorm(torch.nn.Module):
    """Keras BatchNormalization over the last axis; works on (rows, units) and on (subnets, rows, units)."""

    def __init__(self, units, *lead):
        super().__init__()
        self.gamma = torch.nn.Parameter(torch.rand(*lead, 1, units) * 0.4 + 0.1)
        self.beta = torch.nn.Parameter(torch.randn(*lead, 1, units) * 0.1)
        self.register_buffer("mean", torch.zeros(*lead, 1, units))
        self.register_buffer("var", torch.ones(*lead, 1, units))

    def forward(self, x, training):
        if training:
            mean = x.mean(dim=-2, keepdim=True)
            var = ((x - mean) ** 2).mean(dim=-2, keepdim=True)
            with torch.no_grad():
                self.mean.mul_(0.99).add_(0.01 * mean)
                self.var.mul_(0.99).add_(0.01 * var)
        else:
            mean, var = self.mean, self.var
        return self.gamma * (x - mean) / torch.sqrt(var + 1e-6) + self.beta


class SubNet(torch.nn.Module):
    """BN -> Dense(d+10, no bias) -> BN -> ReLU -> Dense(d+10, no bias) -> BN -> ReLU -> Dense(d) -> BN;
    with `lead` = (19,) the 19 subnets at once through bmm."""

    def __init__(self, *lead):
        super().__init__()
        self.bn = torch.nn.ModuleList([BatchNorm(D, *lead), BatchNorm(H, *lead), BatchNorm(H, *lead),
                                       BatchNorm(D, *lead)])
        self.w = torch.nn.ParameterList([torch.nn.Parameter(glorot(D, H, *lead)),
                                         torch.nn.Parameter(glorot(H, H, *lead)),
                                         torch.nn.Parameter(glorot(H, D, *lead))])
        self.b = torch.nn.Parameter(torch.zeros(*lead, 1, D))
        self.batched = len(lead) > 0

    def forward(self, x, training):
        mm = torch.bmm if self.batched else torch.matmul
        x = self.bn[0](x, training)
        x = torch.relu(self.bn[1](mm(x, self.w[0]), training))
        x = torch.relu(self.bn[2](mm(x, self.w[1]), training))
        return self.bn[3](mm(x, self.w[2]) + self.b, training)


class Model(torch.nn.Module):
    def __init__(self, variant):
        super().__init__()
        self.y0 = torch.nn.Parameter(torch.rand(1) * 0.3 + 0.3)
        self.z0 = torch.nn.Parameter(torch.rand(1, D) * 0.2 - 0.1)
        self.variant = variant
        if variant == "bmm":
            self.net = SubNet(N - 1)
        else:
            self.nets = torch.nn.ModuleList([SubNet() for _ in range(N - 1)])

    def forward(self, dw, x, training):
        rows = dw.shape[0]
        if self.variant == "bmm":
            xs = x[:, :, 1:N].permute(2, 0, 1).contiguous()        # (19, rows, d): X_1 .. X_{N-1}
            zs = self.net(xs, training) / D
            z_at = lambda t: zs[t - 1]
        else:
            z_at = lambda t: self.nets[t - 1](x[:, :, t], training) / D
        y = torch.ones(rows, 1) * self.y0
        z = torch.ones(rows, 1) @ self.z0
        for t in range(N):
            y = y - DT * (y - y ** 3) + torch.sum(z * dw[:, :, t], 1, keepdim=True)
            if t < N - 1:
                z = z_at(t + 1)
        return y


def loss_fn(model, dw, x, training):
    delta = model(dw, x, training) - 0.5 / (1 + 0.2 * torch.sum(x[:, :, -1] ** 2, 1, keepdim=True))
    return torch.mean(torch.where(torch.abs(delta) < DELTA_CLIP, delta ** 2,
                                  2 * DELTA_CLIP * torch.abs(delta) - DELTA_CLIP ** 2))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--variant", choices=["bmm", "plain"], default="bmm")
    p.add_argument("--iterations", type=int, default=4000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    model = Model(a.variant)
    opt = torch.optim.Adam(model.parameters(), lr=5e-4, eps=1e-8)
    valid = sample(VALID, gen)
    logged = []
    start = time.perf_counter()
    for step in range(a.iterations + 1):
        if step % 100 == 0 or step == a.iterations:
            with torch.no_grad():
                vloss = loss_fn(model, *valid, False).item()
            y0 = model.y0.item()
            print("step %5d  loss %.4e  y0 %.6f  %.1f s" % (step, vloss, y0, time.perf_counter() - start),
                  file=sys.stderr)
            if step >= a.iterations - 1000:
                logged.append(y0)
        if step < a.iterations:
            dw, x = sample(BATCH, gen)
            opt.zero_grad(set_to_none=True)
            loss_fn(model, dw, x, True).backward()
            opt.step()
    seconds = time.perf_counter() - start
    mean = sum(logged) / len(logged)
    print(json.dumps({"variant": a.variant, "threads": a.threads, "iterations": a.iterations, "seconds": seconds,
                      "msPerIteration": 1000 * seconds / max(1, a.iterations), "y0": model.y0.item(),
                      "y0Mean": mean, "relativeError": abs(mean - REFERENCE) / REFERENCE}))


if __name__ == "__main__":
    main()
