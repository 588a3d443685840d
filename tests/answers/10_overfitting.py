"""Other right answers, and wrong ones, for chapter 10's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "se_by_hand = 0.015",
        "se_by_hand = (0.9 * 0.1 / 400) ** 0.5",
        "se_by_hand = math.sqrt(0.09) / 20",
    ],
    2: [
        """def early_stop(val_losses, patience):
    kept = 1
    for epoch in range(2, len(val_losses) + 1):
        if val_losses[epoch - 1] < val_losses[kept - 1]: kept = epoch
        elif epoch - kept >= patience: return (kept, epoch)
    return (kept, len(val_losses))""",
        """def early_stop(val_losses, patience):
    kept = 0
    for i in range(len(val_losses)):
        if val_losses[i] < val_losses[kept]: kept = i
        if i - kept == patience: return kept + 1, i + 1
    return kept + 1, len(val_losses)""",
        """def early_stop(val_losses, patience):
    lowest, kept = float('inf'), None
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < lowest:
            lowest, kept = loss, epoch
        elif epoch == kept + patience:
            break
    return kept, epoch""",
    ],
}
WRONG = {
    1: [
        "se_by_hand = 1.5                                  # a percentage",
        "se_by_hand = 0.9 * 0.1 / 400                      # no square root",
        "se_by_hand = math.sqrt(0.9 * 0.1) / 400           # n outside the root",
    ],
    2: [
        """def early_stop(val_losses, patience):
    kept, lowest = 0, math.inf
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= lowest: kept, lowest = epoch, loss      # a tie counted as an improvement
        if epoch - kept >= patience: return kept, epoch
    return kept, len(val_losses)""",
        """def early_stop(val_losses, patience):
    kept, lowest = 0, math.inf
    for epoch, loss in enumerate(val_losses):              # epochs counted from 0
        if loss < lowest: kept, lowest = epoch, loss
        if epoch - kept >= patience: return kept, epoch
    return kept, len(val_losses) - 1""",
        """def early_stop(val_losses, patience):
    kept = val_losses.index(min(val_losses)) + 1           # the lowest of all, seen in hindsight
    return kept, min(kept + patience, len(val_losses))""",
        """def early_stop(val_losses, patience):
    kept, lowest = 0, math.inf
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < lowest: kept, lowest = epoch, loss
    return kept, len(val_losses)                           # never stops early""",
    ],
}
PREDICT = {1: ['se_by_hand']}
WRONG[2].append('''def early_stop(val_losses, patience):
    kept, lowest = 0, math.inf
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < lowest: kept, lowest = epoch, loss
        if epoch - kept > patience: return kept, epoch     # one epoch too late
    return kept, len(val_losses)''')
