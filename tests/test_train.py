"""fit: its history, minibatches, continuation, callbacks and progress output; accuracy; the plots; bad arguments."""
import math

import matplotlib
matplotlib.use('Agg')
import pytest

from solveit_z2h.data import make_blobs, make_moons
from solveit_z2h.engine import Value
from solveit_z2h.losses import cross_entropy, hinge_loss
from solveit_z2h.nn import MLP
from solveit_z2h.optim import SGD, Adam, LinearLR
from solveit_z2h.train import ProgressBar, accuracy, fit, plot_decision_boundary, plot_history, predict_class

X, y01 = make_moons(40, noise=0.1, seed=0)
ypm = [2 * t - 1 for t in y01]


def setup(seed=0, lr=0.05):
    model = MLP(2, [8, 1], act='relu', seed=seed)
    return model, Adam(model.parameters(), lr=lr)


def test_history_has_one_entry_per_step():
    model, opt = setup()
    h = fit(model, X[:30], ypm[:30], hinge_loss, opt, steps=7, X_val=X[30:], y_val=ypm[30:], progress=False)
    assert len(h) == len(h.loss) == len(h.lr) == len(h.train_acc) == len(h.val_acc) == 7
    assert all(isinstance(v, float) for v in h.loss) and all(0 <= a <= 1 for a in h.train_acc + h.val_acc)
    assert h.val_acc[-1] == accuracy([model(x) for x in X[30:]], ypm[30:])   # measured after the last update


def test_without_validation_data_val_acc_is_nan():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, progress=False)
    assert all(math.isnan(v) for v in h.val_acc) and 'val acc' not in repr(h)


def test_fit_equals_the_hand_written_loop():
    model, _ = setup(seed=4)
    by_hand = []
    for _ in range(5):
        loss = hinge_loss([model(x) for x in X], ypm)
        model.zero_grad(); loss.backward()
        for p in model.parameters(): p.data -= 0.1 * p.grad
        by_hand.append(loss.data)
    model, _ = setup(seed=4)
    assert fit(model, X, ypm, hinge_loss, SGD(model.parameters(), lr=0.1), steps=5, progress=False).loss == by_hand


def test_schedule_and_recorded_learning_rates():
    model, _ = setup()
    opt = SGD(model.parameters(), lr=1.0)
    h = fit(model, X, ypm, hinge_loss, opt, steps=4, scheduler=LinearLR(opt, 1.0, 0.5, 4), progress=False)
    assert h.lr == pytest.approx([1.0, 0.875, 0.75, 0.625])


def test_minibatches_are_seeded_and_the_right_size():
    seen = []
    def model(x):
        seen.append(tuple(x))
        return Value(0.0) * Value(x[0])
    class NoOp(SGD):
        def step(self): pass
    fit(model, X, ypm, hinge_loss, NoOp([Value(0.0)], lr=0.1), steps=3, batch_size=8, seed=5, progress=False)
    first = list(seen); seen.clear()
    fit(model, X, ypm, hinge_loss, NoOp([Value(0.0)], lr=0.1), steps=3, batch_size=8, seed=5, progress=False)
    assert seen == first and len(first) == 24 and len(set(first[:8])) == 8


def test_training_can_continue_in_several_calls():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, progress=False)
    h = fit(model, X, ypm, hinge_loss, opt, steps=2, history=h, progress=False)
    assert len(h) == 5


def test_callback_sees_every_step():
    calls = []
    model, opt = setup()
    fit(model, X, ypm, hinge_loss, opt, steps=4, callback=lambda step, h: calls.append((step, len(h))), progress=False)
    assert calls == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_regularization_term_is_added_to_the_loss():
    model, opt = setup()
    plain = fit(model, X, ypm, hinge_loss, SGD(model.parameters(), lr=1e-9), steps=1, progress=False).loss[0]
    extra = fit(model, X, ypm, hinge_loss, SGD(model.parameters(), lr=1e-9), steps=1, progress=False,
                regularization=lambda: Value(0.5)).loss[0]
    assert extra == pytest.approx(plain + 0.5)


def test_three_classes_learn():
    X3, y3 = make_blobs(60, centers=[[-3.0, 0.0], [3.0, 0.0], [0.0, 3.0]], cluster_std=0.5, seed=0)
    model = MLP(2, [8, 3], act='relu', seed=0)
    h = fit(model, X3, y3, cross_entropy, Adam(model.parameters(), lr=0.05), steps=30, progress=False)
    assert h.train_acc[-1] == 1.0 and h.loss[-1] < h.loss[0] / 5


@pytest.mark.parametrize('output, expected', [(Value(0.1), 1), (Value(-0.1), 0), (Value(0.0), 0), (0.7, 1),
                                              ([Value(1.0), Value(5.0), Value(2.0)], 1), ([0.0, 0.0], 0)])
def test_predict_class(output, expected):
    assert predict_class(output) == expected


def test_accuracy_label_conventions():
    outs = [Value(1.0), Value(-1.0), Value(2.0)]
    assert accuracy(outs, [1, 0, 0]) == accuracy(outs, [1, -1, -1]) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match='no examples'): accuracy([], [])


@pytest.mark.parametrize('kwargs, message', [
    ({'steps': 0}, 'steps must be a positive integer'),
    ({'steps': 2, 'batch_size': 0}, 'batch_size must be None or an integer from 1 to 40'),
    ({'steps': 2, 'X_val': X}, 'both X_val and y_val'),
    ({'steps': 2, 'X_val': X, 'y_val': ypm[:3]}, '40 validation examples but 3 targets'),
])
def test_bad_arguments_fail_clearly(kwargs, message):
    model, opt = setup()
    with pytest.raises(ValueError, match=message): fit(model, X, ypm, hinge_loss, opt, progress=False, **kwargs)
    with pytest.raises(ValueError, match='40 training examples but 39 targets'):
        fit(model, X, ypm[:-1], hinge_loss, opt, steps=1, progress=False)


def test_progress_bar_in_a_terminal(capsys, monkeypatch):
    # Notebooks run in this process (test_notebooks) leave an IPython shell behind; a terminal has none.
    import solveit_z2h.train
    monkeypatch.setattr(solveit_z2h.train, '_in_notebook', lambda: False)
    model, opt = setup()
    fit(model, X[:30], ypm[:30], hinge_loss, opt, steps=3, X_val=X[30:], y_val=ypm[30:])
    err = capsys.readouterr().err
    assert '3/3' in err and 'loss' in err and 'val' in err and err.endswith('\n')


def test_progress_bar_in_a_notebook(monkeypatch):
    shown = []
    class Handle:
        def update(self, data, raw): shown.append(data['text/plain'])
    import IPython.display
    monkeypatch.setattr(IPython.display, 'display', lambda data, raw, display_id: shown.append(data['text/plain']) or Handle())
    bar = ProgressBar(4)
    bar.notebook = True
    for i in range(1, 5): bar.update(i, 'x')
    assert shown[0].startswith('[') and shown[-1].endswith('4/4 x') and '█' * 30 in shown[-1] and '(' not in shown[-1]


def test_plots_draw():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, X_val=X, y_val=ypm, progress=False)
    axes = plot_history(h)
    assert len(axes[0].lines) == 1 and len(axes[1].lines) == 2
    ax = plot_decision_boundary(model, X, y01, resolution=10)
    assert ax.collections and ax.get_legend() is not None
