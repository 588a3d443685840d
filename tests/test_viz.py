"""Drawing: deterministic, safe with odd labels, cheap on huge graphs, and graceful without Graphviz."""
import graphviz
import pytest

from solveit_z2h.engine import Value
from solveit_z2h.viz import count_nodes, draw_graph, repr_mimebundle, trace


def lecture_example():
    a, b, c, f = Value(2.0, label='a'), Value(-3.0, label='b'), Value(10.0, label='c'), Value(-2.0, label='f')
    L = (a * b + c) * f
    L.label = 'L'
    return L


def test_same_expression_draws_the_same_source():
    assert draw_graph(lecture_example()).source == draw_graph(lecture_example()).source


def test_graph_shows_every_value_and_operation():
    src = draw_graph(lecture_example()).source
    for text in ['a | data 2.0000 | grad 0.0000', 'L | data -8.0000', 'label="*"', 'label="+"']:
        assert text in src


def test_trace_orders_inputs_first_and_counts_reuse():
    x = Value(3.0, label='x')
    y = x * x
    nodes, edges = trace(y)
    assert nodes == [x, y] and edges == [(x, y), (x, y)]


def test_record_labels_are_escaped():
    v = Value(1.0, label='{a|b} <c>')
    src = draw_graph(v * 2).source
    assert r'\{a\|b\} \<c\>' in src
    draw_graph(v * 2).pipe(format='svg')  # and Graphviz accepts it


def test_counting_stops_at_the_limit():
    y = Value(0.0)
    for _ in range(10_000): y = y + 1.0
    assert count_nodes(y, 100) == 100
    assert count_nodes(y, 10**6) == 20_001


def test_big_graphs_are_text_only_and_refused_by_draw_graph():
    big = sum(Value(float(i)) for i in range(100))
    bundle = repr_mimebundle(big)
    assert bundle == {'text/plain': repr(big)}
    with pytest.raises(ValueError, match='more than 500 nodes'): draw_graph(sum(Value(1.0) for _ in range(300)))
    with pytest.raises(ValueError, match="'LR' or 'TB'"): draw_graph(lecture_example(), rankdir='RL')


def test_small_graphs_display_as_svg_and_fall_back_without_dot(monkeypatch):
    L = lecture_example()
    assert L._repr_mimebundle_()['image/svg+xml'].lstrip().startswith('<?xml')
    def no_dot(*args, **kwargs): raise graphviz.ExecutableNotFound(('dot',))
    monkeypatch.setattr(graphviz.Digraph, 'pipe', no_dot)
    assert L._repr_mimebundle_() == {'text/plain': repr(L)}
