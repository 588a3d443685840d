"""Other right answers, and wrong ones, for chapter 09's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        """def micrograd_recipe(X, y_pm):
    model = MLP(2, [16, 16, 1], act='relu', init='uniform', seed=0)
    opt = SGD(model.parameters(), lr=1.0)
    class Decay:                                   \
# micrograd's own schedule: lr = 1.0 - 0.9 * k / 100
        k = 0
        def step(self):
            self.k += 1
            opt.lr = 1.0 - 0.9 * self.k / 100
    history = fit(model, X, y_pm, hinge_loss, opt, steps=100, scheduler=Decay(),
                  regularization=lambda: 1e-4 * sum(p * p for p in model.parameters()), \
progress=False)
    return model, history"""
    ],
    2: ["acc_by_hand = 3 / 4", "acc_by_hand = 0.75000000000001"],
    3: [
        """def remember_best(step, history):
    top = max(history.val_acc)
    best['val_acc'], best['step'] = top, history.val_acc.index(top) + 1""",
        """def remember_best(step, history):
    if 'val_acc' not in best or history.val_acc[-1] > best['val_acc']:
        best['step'], best['val_acc'] = len(history), history.val_acc[-1]""",
    ],
}
WRONG = {
    1: [
        """def micrograd_recipe(X, y_pm):
    model = MLP(2, [16, 1], act='relu', init='uniform', seed=0)      \
# one hidden layer instead of two
    opt = SGD(model.parameters(), lr=1.0)
    history = fit(model, X, y_pm, hinge_loss, opt, steps=100, \
scheduler=LinearLR(opt, 1.0, 0.1, 100),
                  regularization=lambda: l2_regularization(model.parameters(), 1e-4), \
progress=False)
    return model, history"""
    ],
    2: ["acc_by_hand = 0.5", "acc_by_hand = '75%'", "acc_by_hand = 75"],
    3: [
        """def remember_best(step, history):
    if not best or history.val_acc[-1] >= best['val_acc']:          \
# a tie moves on to the later step
        best.update(step=step, val_acc=history.val_acc[-1])""",
        """def remember_best(step, history):
    best.update(step=step, val_acc=history.val_acc[-1])             \
# the last step, not the best""",
    ],
}
RIGHT[1].append('''def micrograd_recipe(X, y_pm):
    model = MLP(2, [16, 16, 1], act='relu', init='uniform', seed=0)
    params = model.parameters()
    opt = SGD(params, lr=1.0)
    penalty = lambda: sum((p * p for p in params), Value(0.0)) * 1e-4
    history = fit(model, X, y_pm, hinge_loss, opt, steps=100,
                  scheduler=LinearLR(opt, 1.0, 0.1, 100), regularization=penalty, progress=False)
    return model, history''')
RIGHT[1].append('''def micrograd_recipe(X, y_pm):   # the schedule set by a callback
    model = MLP(2, [16, 16, 1], act='relu', init='uniform', seed=0)
    opt = SGD(model.parameters(), lr=1.0)
    decay = lambda step, history: setattr(opt, 'lr', 1.0 - 0.9 * step / 100)
    return model, fit(model, X, y_pm, hinge_loss, opt, steps=100, callback=decay, progress=False,
                      regularization=lambda: l2_regularization(model.parameters(), 1e-4))''')
RECIPE = '''def micrograd_recipe(X, y_pm):
    model = MLP(2, [16, 16, 1], {model})
    opt = SGD(model.parameters(), lr=1.0)
    history = fit(model, X, y_pm, hinge_loss, opt, steps=100,
                  scheduler=LinearLR(opt, 1.0, 0.1, 100), {regularization}progress=False)
    return model, history'''
L2 = 'regularization=lambda: l2_regularization(model.parameters(), 1e-4), '
WRONG[1].extend([
    RECIPE.format(model="act='relu', seed=0", regularization=L2),  # default fan-in init
    RECIPE.format(model="act='relu', init='uniform', seed=0", regularization=''),  # no L2 term
    RECIPE.format(model="act='tanh', init='uniform', seed=0", regularization=L2),  # tanh, not ReLU
])
RIGHT[2].append("import numpy as np\nacc_by_hand = np.float64(0.75)")
WRONG[2].append("acc_by_hand = 0.25")    # the share of wrong ones
RIGHT[3].append('''def remember_best(step, history):
    accuracy = history.val_acc[-1]
    if best.get('val_acc', -1.0) < accuracy: best['step'], best['val_acc'] = step, accuracy''')
WRONG[3].append('''def remember_best(step, history):
    if not best or history.val_acc[-1] > best['val_acc']:
        best.update(step=step, val_acc=history.val_acc[-1])
    return best''')                      # a true return value stops fit after one step
WRONG[3].append('''def remember_best(step, history):
    best = {'step': step, 'val_acc': history.val_acc[-1]}''')   # a new local dict: best stays empty
PREDICT = {2: ['acc_by_hand']}
WRONG[3].append('''def remember_best(step, history):
    if not best or history.val_loss[-1] < best['val_loss']:  # the lowest loss, not the top accuracy
        best.update(step=step, val_acc=history.val_acc[-1], val_loss=history.val_loss[-1])''')
