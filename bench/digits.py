"""Workload 6 of `make bench`: an epoch of chapter 13's digits training (64-256-10 MLP, minibatch
AdamW through `DataLoader` and `fit`) in our tensor engine and in PyTorch, from the same weights on
the same batches, one thread; the two take turns epoch by epoch (bench/timing.py)."""

import numpy as np

from timing import BLOCKS, alternate


def digits_epoch(epochs: int = BLOCKS, batch_size: int = 64, hidden: int = 256) -> dict:
    "Seconds of each epoch (a block each), our TensorMLP through fit, torch.nn; weights' gap."
    import torch
    import torch.nn.functional as F
    from threadpoolctl import threadpool_limits
    from solveit_z2h.data import DataLoader, load_digits, train_val_split
    from solveit_z2h.optim import AdamW
    from solveit_z2h.tensor import TensorMLP, batch_cross_entropy
    from solveit_z2h.train import fit

    X, y = load_digits()
    idx = list(range(len(X)))
    rest, _, _, _ = train_val_split(idx, idx, val_fraction=0.2, seed=0)
    tr, va, _, _ = train_val_split(rest, rest, val_fraction=0.25, seed=0)
    mean, std = X[tr].mean(axis=0), X[tr].std(axis=0) + 0.1
    Z = (X - mean) / std
    Xt, yt, Xv, yv = Z[tr], y[tr], Z[va], y[va]
    with threadpool_limits(1):
        torch_threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            net = TensorMLP(64, [hidden, 10], act='relu', seed=0)
            init = [p.data.copy() for p in net.parameters()]
            optimizer = AdamW(net.parameters(), lr=3e-3, weight_decay=0.05)
            ours_loader = DataLoader(
                (Xt, yt), batch_size=batch_size, shuffle=True, seed=0
            )  # fit's own

            def ours_epoch():
                fit(
                    net,
                    ours_loader,
                    None,
                    batch_cross_entropy,
                    optimizer,
                    epochs=1,
                    X_val=Xv,
                    y_val=yv,
                    progress=False,
                )

            model = torch.nn.Sequential(
                torch.nn.Linear(64, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10)
            ).double()
            with torch.no_grad():
                for layer, (W, b) in zip([model[0], model[2]], [init[:2], init[2:]]):
                    layer.weight.copy_(torch.from_numpy(W.T))
                    layer.bias.copy_(torch.from_numpy(b))
            opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.05)
            loader = DataLoader(
                (Xt, yt), batch_size=batch_size, shuffle=True, seed=0
            )  # the same batches

            def torch_epoch():
                for xb, yb in loader:
                    loss = F.cross_entropy(model(torch.from_numpy(xb)), torch.from_numpy(yb))
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
                with (
                    torch.no_grad()
                ):  # fit measures the whole training and validation sets after each epoch
                    for Xa, ya in [(Xt, yt), (Xv, yv)]:
                        F.cross_entropy(model(torch.from_numpy(Xa)), torch.from_numpy(ya))

            seconds, _ = alternate({'ours': ours_epoch, 'torch': torch_epoch}, blocks=epochs)
        finally:
            torch.set_num_threads(torch_threads)
    final = [
        model[0].weight.detach().numpy().T,
        model[0].bias.detach().numpy(),
        model[2].weight.detach().numpy().T,
        model[2].bias.detach().numpy(),
    ]
    worst = max(
        float(np.max(np.abs(p.data - q))) for p, q in zip(net.parameters(), final, strict=True)
    )
    return {**seconds, 'steps_per_epoch': len(loader), 'worst_weight_difference': worst}
