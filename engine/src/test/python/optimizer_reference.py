#!/usr/bin/python3
"""Reference parameters after three steps of each torch.optim optimizer (PyTorch defaults unless stated),
on the tiny problem of OptimizerStepsTest: a 2-input, 1-output linear layer, mse loss, two rows.
Run with Debian's /usr/bin/python3 (python3-torch 1.13); the printed values are pasted into the test."""
import torch

X = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
Y = torch.tensor([[1.0], [-2.0]])
W0 = torch.tensor([[0.3], [-0.2]])   # in x out, as mlp4j stores it
B0 = torch.tensor([0.1])

def run(name, make):
    w = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    opt = make([w, b])
    for _ in range(3):
        opt.zero_grad()
        loss = torch.mean((X @ w + b - Y) ** 2)
        loss.backward()
        opt.step()
    vals = [float(v) for v in list(w.detach().flatten()) + list(b.detach().flatten())]
    print('        {"%s", %s},' % (name, ", ".join("%.9g" % v for v in vals)))

torch.set_default_dtype(torch.float32)
print("torch", torch.__version__)
run("sgd", lambda p: torch.optim.SGD(p, lr=0.1))
run("momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9))
run("nesterov", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True))
run("adam", lambda p: torch.optim.Adam(p, lr=0.1))
run("adamw", lambda p: torch.optim.AdamW(p, lr=0.1))
run("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.1))
run("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1))
