"""fit: its history (every number of a step measured with the same parameters), minibatches,
continuation, callbacks, epochs over a DataLoader (measured after each epoch), chapter 12's
TensorMLP on numpy arrays, stopping from the callback, and fastprogress's output in a notebook, in a
terminal and not at all; accuracy; the plots; bad arguments."""

import io
import math

import numpy as np

import matplotlib
matplotlib.use('Agg')
import pytest
from IPython.display import HTML
from matplotlib.figure import Figure

from solveit_z2h.data import DataLoader, make_blobs, make_moons
from solveit_z2h.engine import Value
from solveit_z2h.losses import cross_entropy, hinge_loss, l2_regularization
from solveit_z2h.nn import MLP
from solveit_z2h.optim import SGD, Adam, LinearLR
from fastprogress import fastprogress

from solveit_z2h.plumbing import animation_html, plot_history, small_png
from solveit_z2h.train import accuracy, fit, predict_class
from solveit_z2h.trainviz import (TrainingFrames, animate_training, dead_units, hidden_activations,
                                  plot_decision_boundary, plot_hidden_units)

X, y01 = make_moons(40, noise=0.1, seed=0)
ypm = [2 * t - 1 for t in y01]


def setup(seed=0, lr=0.05):
    model = MLP(2, [8, 1], act='relu', seed=seed)
    return model, Adam(model.parameters(), lr=lr)


def fit_on_moons(model, opt, **kwargs):
    "fit with the hinge loss on the first 30 moons, validated on the other 10."
    return fit(model, X[:30], ypm[:30], hinge_loss, opt, X_val=X[30:], y_val=ypm[30:], **kwargs)


def test_history_has_one_entry_per_step():
    model, opt = setup()
    h = fit_on_moons(model, opt, steps=7, progress=False)
    assert len(h) == len(h.loss) == len(h.lr) == len(h.train_acc) == 7
    assert len(h.val_loss) == len(h.val_acc) == 7
    assert all(isinstance(v, float) for v in h.loss + h.val_loss) and all(
        0 <= a <= 1 for a in h.train_acc + h.val_acc
    )


def test_every_number_of_a_step_is_measured_with_the_parameters_it_started_from():
    # (train acc, val acc, val loss) of the network before each update, measured from outside
    seen = []
    def measure(model):
        outputs = [model(x) for x in X[30:]]
        return (
            accuracy([model(x) for x in X[:30]], ypm[:30]),
            accuracy(outputs, ypm[30:]),
            hinge_loss(outputs, ypm[30:]).data,
        )

    model, opt = setup()
    seen.append(measure(model))
    h = fit_on_moons(model, opt, steps=6, progress=False,
                     callback=lambda step, h: seen.append(measure(model)))
    # step k: the network after k - 1 updates
    assert list(zip(h.train_acc, h.val_acc, h.val_loss)) == seen[:-1]


def test_validation_on_the_training_data_repeats_the_training_numbers():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=5, X_val=X, y_val=ypm, progress=False,
            regularization=lambda: l2_regularization(model.parameters(), 1e-3))
    # the same examples, the same parameters, the same term
    assert h.val_loss == h.loss and h.val_acc == h.train_acc


def test_without_validation_data_val_acc_is_nan():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, progress=False)
    assert all(math.isnan(v) for v in h.val_acc + h.val_loss) and 'val acc' not in repr(h)


def test_fit_equals_the_hand_written_loop():
    model, _ = setup(seed=4)
    by_hand = []
    for _ in range(5):
        loss = hinge_loss([model(x) for x in X], ypm)
        model.zero_grad(); loss.backward()
        for p in model.parameters(): p.data -= 0.1 * p.grad
        by_hand.append(loss.data)
    model, _ = setup(seed=4)
    assert (
        fit(
            model, X, ypm, hinge_loss, SGD(model.parameters(), lr=0.1), steps=5, progress=False
        ).loss
        == by_hand
    )


def test_schedule_and_recorded_learning_rates():
    model, _ = setup()
    opt = SGD(model.parameters(), lr=1.0)
    h = fit(
        model,
        X,
        ypm,
        hinge_loss,
        opt,
        steps=4,
        scheduler=LinearLR(opt, 1.0, 0.5, 4),
        progress=False,
    )
    assert h.lr == pytest.approx([1.0, 0.875, 0.75, 0.625])


def test_minibatches_are_seeded_and_the_right_size():
    seen = []
    def model(x):
        seen.append(tuple(x))
        return Value(0.0) * Value(x[0])
    class NoOp(SGD):
        def step(self): pass

    fit(
        model,
        X,
        ypm,
        hinge_loss,
        NoOp([Value(0.0)], lr=0.1),
        steps=3,
        batch_size=8,
        seed=5,
        progress=False,
    )
    first = list(seen); seen.clear()
    fit(
        model,
        X,
        ypm,
        hinge_loss,
        NoOp([Value(0.0)], lr=0.1),
        steps=3,
        batch_size=8,
        seed=5,
        progress=False,
    )
    assert seen == first and len(first) == 24 and len(set(first[:8])) == 8


def test_training_can_continue_in_several_calls():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, progress=False)
    h = fit(model, X, ypm, hinge_loss, opt, steps=2, history=h, progress=False)
    assert len(h) == 5


def test_callback_sees_every_step():
    calls = []
    model, opt = setup()
    fit(
        model,
        X,
        ypm,
        hinge_loss,
        opt,
        steps=4,
        callback=lambda step, h: calls.append((step, len(h))),
        progress=False,
    )
    assert calls == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_regularization_term_is_added_to_the_loss():
    model, opt = setup()
    plain = fit(
        model, X, ypm, hinge_loss, SGD(model.parameters(), lr=1e-9), steps=1, progress=False
    ).loss[0]
    extra = fit(
        model,
        X,
        ypm,
        hinge_loss,
        SGD(model.parameters(), lr=1e-9),
        steps=1,
        progress=False,
        regularization=lambda: Value(0.5),
    ).loss[0]
    assert extra == pytest.approx(plain + 0.5)


def test_three_classes_learn():
    X3, y3 = make_blobs(60, centers=[[-3.0, 0.0], [3.0, 0.0], [0.0, 3.0]], cluster_std=0.5, seed=0)
    model = MLP(2, [8, 3], act='relu', seed=0)
    h = fit(
        model, X3, y3, cross_entropy, Adam(model.parameters(), lr=0.05), steps=30, progress=False
    )
    assert h.train_acc[-1] == 1.0 and h.loss[-1] < h.loss[0] / 5


@pytest.mark.parametrize(
    'output, expected',
    [
        (Value(0.1), 1),
        (Value(-0.1), 0),
        (Value(0.0), 0),
        (0.7, 1),
        ([Value(1.0), Value(5.0), Value(2.0)], 1),
        ([0.0, 0.0], 0),
    ],
)
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
    with pytest.raises(ValueError, match=message):
        fit(model, X, ypm, hinge_loss, opt, progress=False, **kwargs)
    with pytest.raises(ValueError, match='40 training examples but 39 targets'):
        fit(model, X, ypm[:-1], hinge_loss, opt, steps=1, progress=False)


def train_briefly(**kwargs):
    model, opt = setup()
    return fit_on_moons(model, opt, steps=3, **kwargs)


class Shown:
    "Stands in for IPython's display: records what is displayed and each update of what was shown."

    def __init__(self): self.items = []
    def display(self, obj, display_id=None, **kwargs):
        self.items.append(obj)
        return self
    def update(self, obj): self.items.append(obj)
    def html(self):
        return [o.data for o in self.items
                if isinstance(o, HTML) and '<style>' not in o.data]


def use_bars(monkeypatch, master, progress):
    "Make fastprogress use these bar classes, whichever it chose when it was imported."
    monkeypatch.setattr(fastprogress, 'master_bar', master)
    monkeypatch.setattr(fastprogress, 'progress_bar', progress)


@pytest.fixture
def notebook(monkeypatch):
    "fastprogress's notebook (HTML) bars, drawing into a `Shown`."
    import matplotlib.pyplot as plt
    shown = Shown()
    # fastprogress takes IPython's display (and pyplot) when imported in a notebook, not under
    # pytest
    for name, value in [('display', shown.display), ('HTML', HTML), ('plt', plt)]:
        monkeypatch.setattr(fastprogress, name, value, raising=False)
    use_bars(monkeypatch, fastprogress.NBMasterBar, fastprogress.NBProgressBar)
    return shown


@pytest.fixture
def terminal(monkeypatch):
    "fastprogress's terminal bars, printing as on a terminal (pytest's captured output is not one)."
    use_bars(monkeypatch, *fastprogress.force_console_behavior())
    monkeypatch.setattr(fastprogress, 'printing', lambda: True)


def test_progress_in_a_notebook_is_an_html_bar_that_ends_as_one_line_without_timings(
    notebook, capsys
):
    h = train_briefly()
    html = notebook.html()
    # a live bar, with the step
    assert any('<progress' in s and '[2/3 ' in s for s in html)
    # then the last line of numbers
    assert '<progress' not in html[-1] and '3/3 steps · loss' in html[-1]
    assert (
        f"train {h.train_acc[-1]:.1%} · val {h.val_acc[-1]:.1%}" in html[-1]
        and '00:' not in html[-1]
    )
    # no plot unless asked
    assert not any(isinstance(o, Figure) for o in notebook.items)
    assert capsys.readouterr().out == ''


def test_plot_draws_the_training_and_validation_loss_live_with_a_title_and_labels(notebook):
    h = train_briefly(plot=True)
    figures = [o for o in notebook.items if isinstance(o, Figure)]
    assert len(figures) >= 2 and all(f is figures[0] for f in figures)         # one figure, redrawn
    ax = figures[-1].axes[0]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (
        'Loss during training',
        'step',
        'loss',
    )
    assert [line.get_label() for line in ax.lines] == ['training loss', 'validation loss']
    assert list(ax.lines[0].get_ydata()) == h.loss and list(ax.lines[1].get_ydata()) == h.val_loss


def test_progress_in_a_terminal_is_one_line(terminal, capsys):
    # a terminal has no plot: ignored
    h = train_briefly(plot=True)
    out = capsys.readouterr().out
    # one line, rewritten in place
    assert out.endswith('\n') and out.count('\n') == 1 and '\r' in out
    last = out.rstrip('\n').split('\r')[-1]
    assert (
        '[3/3 ' in last
        and f"loss {h.loss[-1]:.4f} · train {h.train_acc[-1]:.1%} · val {h.val_acc[-1]:.1%}" in last
    )


def test_progress_false_shows_nothing(notebook, capsys, monkeypatch):
    train_briefly(progress=False)
    use_bars(monkeypatch, *fastprogress.force_console_behavior())
    monkeypatch.setattr(fastprogress, 'printing', lambda: True)
    train_briefly(progress=False)
    assert notebook.items == [] and capsys.readouterr() == ('', '')


def test_plot_needs_the_progress_bar():
    with pytest.raises(ValueError, match='plot=True .* needs progress=True'):
        train_briefly(progress=False, plot=True)


def test_plots_draw():
    model, opt = setup()
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, X_val=X, y_val=ypm, progress=False)
    axes = plot_history(h)
    assert len(axes[0].lines) == len(axes[1].lines) == 2 and axes[0].get_yscale() == 'log'
    assert axes[0].get_legend().get_texts()[1].get_text() == 'validation'
    ax = plot_decision_boundary(model, X, y01, resolution=10)
    assert ax.collections and ax.get_legend() is not None


# ---- epochs and minibatches
# --------------------------------------------------------------------------------------

class Counting(SGD):
    "SGD that counts its steps."
    steps = 0
    def step(self):
        self.steps += 1
        super().step()


def test_epochs_record_one_entry_per_epoch_measured_after_it():
    seen = []
    model, opt = setup()
    def measure(epoch, h):
        outputs = [model(x) for x in X[30:]]
        seen.append(
            (
                hinge_loss([model(x) for x in X[:30]], ypm[:30]).data,
                accuracy([model(x) for x in X[:30]], ypm[:30]),
                hinge_loss(outputs, ypm[30:]).data,
                accuracy(outputs, ypm[30:]),
            )
        )

    h = fit_on_moons(model, opt, epochs=3, batch_size=8, callback=measure, progress=False)
    assert h.unit == 'epoch' and len(h) == 3 and repr(h).startswith('History(3 epochs:')
    assert list(zip(h.loss, h.train_acc, h.val_loss, h.val_acc)) == seen


def test_an_epoch_takes_one_step_per_batch_and_the_scheduler_follows():
    model, _ = setup()
    opt = Counting(model.parameters(), lr=1.0)
    h = fit(
        model,
        X,
        ypm,
        hinge_loss,
        opt,
        epochs=2,
        batch_size=16,
        scheduler=LinearLR(opt, 1.0, 0.5, 6),
        progress=False,
    )
    # 40 examples in batches of 16: 3 per epoch
    assert opt.steps == 2 * 3
    # the rate of each epoch's last step
    assert h.lr == pytest.approx([1.0 - 0.5 * 2 / 6, 1.0 - 0.5 * 5 / 6])


def test_a_dataloader_in_place_of_X_gives_the_same_run():
    model, opt = setup()
    a = fit(model, X, ypm, hinge_loss, opt, epochs=2, batch_size=10, seed=3, progress=False)
    model, opt = setup()
    b = fit(
        model,
        DataLoader((X, ypm), batch_size=10, shuffle=True, seed=3),
        None,
        hinge_loss,
        opt,
        epochs=2,
        progress=False,
    )
    assert a == b


def test_full_batch_epochs_are_full_batch_steps_measured_after_the_update():
    model, _ = setup(seed=2)
    steps = fit(model, X, ypm, hinge_loss, SGD(model.parameters(), lr=0.1), steps=4, progress=False)
    model, _ = setup(seed=2)
    epochs = fit(
        model, X, ypm, hinge_loss, SGD(model.parameters(), lr=0.1), epochs=3, progress=False
    )
    # epoch k = the network after k updates
    assert epochs.loss == pytest.approx(steps.loss[1:], abs=1e-12)


def test_callback_returning_true_stops_training():
    model, opt = setup()
    h = fit(
        model,
        X,
        ypm,
        hinge_loss,
        opt,
        epochs=10,
        batch_size=8,
        callback=lambda epoch, h: epoch == 3,
        progress=False,
    )
    assert len(h) == 3
    h = fit(
        model,
        X,
        ypm,
        hinge_loss,
        opt,
        steps=10,
        callback=lambda step, h: len(h) >= 4,
        progress=False,
    )
    assert len(h) == 4


def test_tensor_models_train_on_numpy_arrays():
    from solveit_z2h.tensor import (
        TensorMLP,
        batch_cross_entropy as tensor_ce,
        batch_hinge_loss as tensor_hinge,
    )

    X3, y3 = make_blobs(90, centers=[[-3.0, 0.0], [3.0, 0.0], [0.0, 3.0]], cluster_std=0.5, seed=0)
    X3, y3 = np.array(X3), np.array(y3)
    net = TensorMLP(2, [16, 3], act='relu', seed=0)
    h = fit(
        net,
        X3[:60],
        y3[:60],
        tensor_ce,
        Adam(net.parameters(), lr=0.05),
        epochs=15,
        batch_size=16,
        X_val=X3[60:],
        y_val=y3[60:],
        progress=False,
    )
    assert all(type(v) is float for v in h.loss + h.val_loss + h.train_acc + h.val_acc)
    assert h.train_acc[-1] == 1.0 and h.val_acc[-1] == 1.0 and h.loss[-1] < h.loss[0] / 5
    assert h.val_loss[-1] == pytest.approx(tensor_ce(net(X3[60:]), y3[60:]).item(), abs=1e-12)
    # one score per example and ±1 labels shaped like the scores, by steps
    net = TensorMLP(2, [8, 1], act='relu', seed=0)
    Xa, ya = np.array(X), np.array(ypm, dtype=float).reshape(-1, 1)
    h = fit(
        net,
        Xa,
        ya,
        tensor_hinge,
        Adam(net.parameters(), lr=0.05),
        steps=40,
        batch_size=20,
        progress=False,
    )
    assert h.loss[-1] < h.loss[0] and accuracy(net(Xa), ya) == accuracy(net(Xa), y01) == accuracy(
        net(Xa).data, ypm
    )


@pytest.mark.parametrize('scores, labels, expected', [
    (np.array([0.3, -2.0, 1.5]), [1, 0, 0], 2 / 3),
    (np.array([[0.3], [-2.0], [1.5]]), np.array([[1], [-1], [-1]]), 2 / 3),
    (np.array([[1.0, 3.0, 2.0], [5.0, 0.0, 0.0]]), np.array([1, 2]), 0.5),
])
def test_accuracy_of_arrays(scores, labels, expected):
    from solveit_z2h.tensor import Tensor
    assert accuracy(scores, labels) == accuracy(Tensor(scores), labels) == pytest.approx(expected)
    with pytest.raises(ValueError, match='outputs but'): accuracy(scores, [1])


@pytest.mark.parametrize('kwargs, message', [
    ({}, 'give steps .* or epochs'),
    ({'steps': 2, 'epochs': 2}, 'not both'),
    ({'epochs': 0}, 'epochs must be a positive integer'),
    ({'epochs': 2, 'batch_size': 41}, 'batch_size must be None or an integer from 1 to 40'),
])
def test_bad_epoch_arguments_fail_clearly(kwargs, message):
    model, opt = setup()
    with pytest.raises(ValueError, match=message):
        fit(model, X, ypm, hinge_loss, opt, progress=False, **kwargs)


def test_bad_dataloader_arguments_fail_clearly():
    model, opt = setup()
    loader = DataLoader((X, ypm), batch_size=8)
    with pytest.raises(ValueError, match='pass y=None and no batch_size'):
        fit(model, loader, ypm, hinge_loss, opt, epochs=1)
    with pytest.raises(ValueError, match='pass y=None and no batch_size'):
        fit(model, loader, None, hinge_loss, opt, epochs=1, batch_size=8)
    with pytest.raises(ValueError, match='read by epochs'):
        fit(model, loader, None, hinge_loss, opt, steps=1)
    with pytest.raises(ValueError, match='needs the targets y'):
        fit(model, X, None, hinge_loss, opt, epochs=1)
    h = fit(model, X, ypm, hinge_loss, opt, steps=2, progress=False)
    with pytest.raises(ValueError, match='this history counts steps'):
        fit(model, X, ypm, hinge_loss, opt, epochs=1, history=h)


def test_epochs_in_a_notebook_end_as_one_line(notebook):
    model, opt = setup()
    fit(model, X, ypm, hinge_loss, opt, epochs=3, batch_size=8, plot=True)
    html = notebook.html()
    assert '<progress' not in html[-1] and '3/3 epochs · loss' in html[-1]
    figures = [o for o in notebook.items if isinstance(o, Figure)]
    assert figures and figures[-1].axes[0].get_xlabel() == 'epoch'


def test_a_stopped_run_in_a_notebook_says_so(notebook):
    model, opt = setup()
    fit(
        model, X, ypm, hinge_loss, opt, epochs=5, batch_size=8, callback=lambda epoch, h: epoch == 2
    )
    html = notebook.html()
    assert '<progress' not in html[-1] and '2/5 epochs (stopped by the callback) · loss' in html[-1]


def test_plots_of_tensor_models_and_epochs():
    from solveit_z2h.tensor import TensorMLP
    net = TensorMLP(2, [8, 2], act='relu', seed=0)
    ax = plot_decision_boundary(net, np.array(X), np.array(y01), resolution=12)
    assert ax.collections and ax.get_legend() is not None
    net1 = TensorMLP(2, [8, 1], act='relu', seed=0)
    ax = plot_decision_boundary(net1, np.array(X), y01, resolution=12)
    assert ax.collections
    model, opt = setup()
    axes = plot_history(
        fit(model, X, ypm, hinge_loss, opt, epochs=2, batch_size=10, progress=False)
    )
    assert axes[0].get_xlabel() == axes[1].get_xlabel() == 'epoch'


# ---- training animated, and hidden units
# ---------------------------------------------------------------------------



def snapshot_of(model):
    "Every parameter's value and gradient, to check that a function left the model as it was."
    return [(p.data, p.grad) for p in model.parameters()]


def framed_run(every=2, steps=6, **kwargs):
    model = MLP(2, [8, 1], act='relu', seed=0)
    l2 = lambda: l2_regularization(model.parameters(), 1e-3)
    frames = TrainingFrames(
        model, X, y01, hinge_loss, ypm, every=every, regularization=l2, resolution=8, **kwargs
    )
    h = fit(
        model,
        X,
        ypm,
        hinge_loss,
        Adam(model.parameters(), lr=0.05),
        steps=steps,
        regularization=l2,
        callback=frames,
        progress=False,
    )
    return model, frames, h


def test_training_frames_record_the_untrained_network_then_every_k_steps_with_fits_numbers():
    model, frames, h = framed_run()
    assert frames.steps == [0, 2, 4, 6] and len(frames) == 4 and frames.unit == 'step'
    # the same loss, regularisation included
    assert frames.losses[:3] == [h.loss[0], h.loss[2], h.loss[4]]
    assert frames.accuracies[:3] == [h.train_acc[0], h.train_acc[2], h.train_acc[4]]
    # the last: the trained network
    assert frames.accuracies[-1] == accuracy([model(x) for x in X], y01)
    # each frame's classes are the model's predictions on the grid, as plot_decision_boundary draws
    # them
    assert len(frames.xs) == len(frames.ys) == 8 and frames.classes[-1].shape == (8, 8)
    point = [float(frames.xs[3]), float(frames.ys[5])]
    assert (
        frames.classes[-1][5, 3] == predict_class(model(point))
        and frames.scores[-1][5, 3] == model(point).data
    )
    assert repr(frames) == 'TrainingFrames(4 frames: after 0 to 6 steps)'


def test_training_frames_count_the_steps_of_a_continued_history_and_epochs():
    model = MLP(2, [8, 1], act='relu', seed=0)
    opt = Adam(model.parameters(), lr=0.05)
    frames = TrainingFrames(model, X, y01, hinge_loss, ypm, every=2, resolution=5)
    h = fit(model, X, ypm, hinge_loss, opt, steps=3, callback=frames, progress=False)
    fit(model, X, ypm, hinge_loss, opt, steps=3, history=h, callback=frames, progress=False)
    # counted by the history, not by each call
    assert frames.steps == [0, 2, 4, 6]
    frames = TrainingFrames(model, X, y01, hinge_loss, ypm, every=1, resolution=5)
    h = fit(
        model, X, ypm, hinge_loss, opt, epochs=2, batch_size=10, callback=frames, progress=False
    )
    assert frames.steps == [0, 1, 2] and frames.unit == 'epoch' and frames.losses[1:] == h.loss


def test_training_frames_of_class_scores_and_of_tensor_models():
    X3, y3 = make_blobs(30, centers=[[-2.0, 0.0], [2.0, 0.0], [0.0, 2.0]], cluster_std=0.5, seed=0)
    model = MLP(2, [8, 3], act='relu', seed=0)
    frames = TrainingFrames(model, X3, y3, cross_entropy, every=1, resolution=6)
    h = fit(
        model,
        X3,
        y3,
        cross_entropy,
        Adam(model.parameters(), lr=0.05),
        steps=2,
        callback=frames,
        progress=False,
    )
    assert frames.scores == [None, None, None] and frames.losses[:2] == h.loss
    assert set(np.unique(frames.classes[-1])) <= {0, 1, 2}
    from solveit_z2h.tensor import TensorMLP, batch_cross_entropy as tensor_ce
    net = TensorMLP(2, [8, 3], act='relu', seed=0)
    Xa, ya = np.array(X3), np.array(y3)
    frames = TrainingFrames(net, Xa, ya, tensor_ce, every=2, resolution=6)
    h = fit(
        net,
        Xa,
        ya,
        tensor_ce,
        Adam(net.parameters(), lr=0.05),
        epochs=4,
        batch_size=10,
        callback=frames,
        progress=False,
    )
    # epochs: measured after each
    assert frames.steps == [0, 2, 4] and frames.losses[1:] == [h.loss[1], h.loss[3]]
    assert all(type(v) is float for v in frames.losses) and frames.classes[0].shape == (6, 6)


@pytest.mark.parametrize('every', [0, -1, 1.5, True])
def test_training_frames_need_a_positive_whole_every(every):
    with pytest.raises(ValueError, match='every must be a positive integer'):
        TrainingFrames(MLP(2, [4, 1], seed=0), X, y01, hinge_loss, ypm, every=every)


def test_the_animation_has_a_frame_per_record_is_self_contained_small_and_deterministic():
    import base64
    import re
    from PIL import Image
    from solveit_z2h.viz import FramePlayer
    model, frames, _ = framed_run()
    before = snapshot_of(model)
    player = animation_html(animate_training(frames, title='Moons'))
    page = player._repr_html_()
    # the model is left untouched
    assert snapshot_of(model) == before
    assert isinstance(player, FramePlayer) and len(player) == len(frames) == 4
    assert player.interval_ms == 250                                      # fps=4
    pictures = [re.search(r'base64,([^"]*)"', f)[1] for f in player.frames]
    assert not re.search(r'<script[^>]*\bsrc=', page) and not re.search(r'<link\b', page)
    # no address of anything online at all
    assert '://' not in page
    assert len(page) < 80_000
    picture = Image.open(io.BytesIO(base64.b64decode(pictures[0])))
    assert picture.mode == 'P' and len(picture.getcolors()) <= 32
    assert picture.size == (int(8.4 * 72), int(3.3 * 72))                  # figsize × dpi
    # the first frame, as a picture, until the script runs
    still = r'<div class="frame"[^>]*><img src="data:image/png;base64,' + re.escape(
        pictures[0][:60]
    )
    assert re.search(still, page)
    again = animation_html(animate_training(frames, title='Moons'))
    assert again.frames == player.frames                                  # the same every run


# drawn frame by frame here, not rendered
@pytest.mark.filterwarnings('ignore:Animation was deleted without rendering')
def test_the_animation_draws_titled_labelled_frames_and_leaves_no_figure_open():
    import matplotlib.pyplot as plt
    _, frames, _ = framed_run()
    open_before = plt.get_fignums()
    anim = animate_training(frames, title='Moons')
    # closed: a notebook shows only the player
    assert plt.get_fignums() == open_before
    left, right = anim._fig.axes
    anim._func(1)                                                         # draw the second frame
    assert left.get_title() == f"Moons: after 2 steps, {frames.accuracies[1]:.0%} right"
    assert (left.get_xlabel(), left.get_ylabel()) == ('$x_1$', '$x_2$') and left.collections
    assert (right.get_xlabel(), right.get_ylabel()) == (
        'step',
        'loss',
    ) and right.get_title() == 'Loss on these 40 points'
    assert (
        list(right.lines[0].get_xdata()) == [0, 2]
        and list(right.lines[0].get_ydata()) == frames.losses[:2]
    )
    # its warning about never being rendered, here and not in another test
    import gc; del anim, left, right; gc.collect()


def relu_forward(model, points):
    "Each hidden layer's outputs computed directly with numpy, from the model's weights."
    out, layers = np.asarray(points, dtype=float), []
    for layer in model.layers[:-1]:
        W = np.array([[w.data for w in n.w] for n in layer.neurons])
        b = np.array([n.b.data for n in layer.neurons])
        out = np.maximum(0, out @ W.T + b)
        layers.append(out)
    return layers


def test_hidden_activations_and_dead_units_agree_with_a_direct_computation():
    model = MLP(2, [16, 16, 1], act='relu', seed=0)
    before = snapshot_of(model)
    acts = hidden_activations(model, X)
    direct = relu_forward(model, X)
    assert [a.shape for a in acts] == [(40, 16), (40, 16)]
    for a, d in zip(acts, direct): np.testing.assert_allclose(a, d, atol=1e-12)
    dead = dead_units(model, X)
    assert dead == [np.flatnonzero(d.max(axis=0) == 0).tolist() for d in direct]
    # this untrained network has some
    assert dead == [[], [4, 5, 8, 13]]
    assert snapshot_of(model) == before


def test_dead_units_of_tanh_units_and_of_a_network_without_hidden_layers():
    assert dead_units(MLP(2, [6, 6, 1], act='tanh', seed=0), X) == [[], []]
    with pytest.raises(ValueError, match='no hidden layer'):
        hidden_activations(MLP(2, [1], seed=0), X)


def test_plot_hidden_units_draws_one_titled_panel_per_unit_and_marks_the_dead():
    import matplotlib.pyplot as plt
    model = MLP(2, [16, 5, 1], act='relu', seed=1)
    before = snapshot_of(model)
    dead = dead_units(model, X)
    fig = plot_hidden_units(model, X, y01, resolution=8, cols=8)
    assert snapshot_of(model) == before
    shown = [ax for ax in fig.axes if ax.axison]
    # 16 + 5 panels; 3 left empty in the last row
    assert len(shown) == 21 and len(fig.axes) == 24
    titles = [ax.get_title() for ax in shown]
    assert titles[0] == 'layer 1, unit 0' and titles[16] == 'layer 2, unit 0'
    marked = [
        [j for j in range(n) if titles[offset + j].endswith('(dead)')]
        for offset, n in ((0, 16), (16, 5))
    ]
    assert marked == dead == [[8, 11], [3]]
    assert (
        fig._suptitle.get_text().startswith("Each hidden unit's output")
        and fig._supxlabel.get_text() == '$x_1$'
    )
    assert fig._supylabel.get_text() == '$x_2$'
    plt.close(fig)


def test_the_train_module_holds_training_only():
    "Its public names train; pictures are trainviz's, and importing train loads no matplotlib."
    import subprocess
    import sys

    import solveit_z2h.train as train
    assert train.__all__ == ['predict_class', 'accuracy', 'History', 'fit']
    code = "import sys, solveit_z2h.train; print('matplotlib' in sys.modules)"
    run = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == 'False'


def test_small_png_shows_a_figure_once_in_at_most_32_colours():
    import matplotlib.pyplot as plt
    from PIL import Image
    fig = plot_hidden_units(MLP(2, [4, 1], act='relu', seed=0), X, y01, resolution=6)
    image = small_png(fig)
    # closed: not shown a second time
    assert fig.number not in plt.get_fignums()
    picture = Image.open(io.BytesIO(image.data))
    assert picture.format == 'PNG' and picture.mode == 'P' and len(picture.getcolors()) <= 32
    assert len(
        small_png(
            plot_hidden_units(MLP(2, [4, 1], act='relu', seed=0), X, y01, resolution=6), colors=8
        ).data
    ) < len(image.data)


@pytest.mark.parametrize('loss_fn, kind', [
    (lambda outputs, targets: [(o - t) ** 2 for o, t in zip(outputs, targets)], 'got list'),
    (lambda outputs, targets: 0.5, 'got float'),
])
def test_fit_refuses_a_loss_that_is_not_one_value(loss_fn, kind):
    model, opt = setup()
    before = [p.data for p in model.parameters()]
    with pytest.raises(TypeError, match=f'loss_fn must return one Value .*{kind}'):
        fit(model, X, ypm, loss_fn, opt, steps=2, progress=False)
    assert [p.data for p in model.parameters()] == before


def test_accuracy_refuses_one_score_against_more_than_two_classes():
    with pytest.raises(ValueError, match=r'include \[2\]: give the model one output per class'):
        accuracy([Value(0.5), Value(-0.5), Value(1.0)], [0, 1, 2])
    with pytest.raises(ValueError, match=r'labels include \[2\]'):
        accuracy(np.array([0.5, -0.5, 1.0]), [0, 1, 2])
    two = [Value(0.5), Value(-0.5)]
    assert accuracy(two, [1, -1]) == accuracy(two, [1, 0]) == 1.0


def test_fit_measures_under_no_grad_and_leaves_gradients_on_even_after_an_error():
    from solveit_z2h.engine import is_grad_enabled
    model, opt = setup()
    modes = []
    def callback(epoch, h):
        modes.append(is_grad_enabled())
        raise KeyError('a callback that fails')
    with pytest.raises(KeyError):
        fit_on_moons(model, opt, epochs=2, callback=callback, progress=False)
    assert modes == [True] and is_grad_enabled()
