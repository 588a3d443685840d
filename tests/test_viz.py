"""Drawing: deterministic, safe with odd labels, cheap on huge graphs, graceful without Graphviz,
and no wider than a notebook's output area."""
import re

import graphviz
import pytest

from solveit_z2h.engine import Value
from lecture import lecture_neuron
from solveit_z2h.viz import (
    animate_backward,
    count_nodes,
    draw_dot,
    draw_graph,
    repr_mimebundle,
    trace,
)


def lecture_example():
    a, b, c, f = (
        Value(2.0, label='a'),
        Value(-3.0, label='b'),
        Value(10.0, label='c'),
        Value(-2.0, label='f'),
    )
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


def chain(depth: int) -> Value:
    "x + 1 + 1 ... : `depth` additions deep, 2 * depth + 1 nodes."
    y = Value(0.0, label='x')
    for _ in range(depth): y = y + 1.0
    return y


def test_trace_walks_a_graph_deeper_than_the_recursion_limit():
    import sys
    depth = 3 * sys.getrecursionlimit()
    nodes, edges = trace(chain(depth))
    assert len(nodes) == 2 * depth + 1 and len(edges) == 2 * depth
    assert nodes[0].label == 'x' and [n.data for n in nodes[1:4]] == [1.0, 1.0, 1.0]  # x, 1, x+1
    assert all(nodes.index(child) < nodes.index(parent) for child, parent in edges[:50])
    assert draw_graph(chain(2_400), max_nodes=5000).source.count('label="+"') == 2_400


def test_drawings_carry_a_png_beside_the_svg_for_viewers_that_show_no_svg():
    import base64
    L = lecture_example()
    for bundle in (draw_graph(L)._repr_mimebundle_(), repr_mimebundle(L)):
        png = base64.b64decode(bundle['image/png'])
        assert png.startswith(b'\x89PNG') and '<svg' in bundle['image/svg+xml']
        width = int.from_bytes(png[16:20], 'big')
        assert abs(width - svg_size(bundle['image/svg+xml'])[0] * 96 / 72) <= 2  # the SVG's width
        assert len(png) < 30_000


def test_counting_stops_at_the_limit():
    y = Value(0.0)
    for _ in range(10_000): y = y + 1.0
    assert count_nodes(y, 100) == 100
    assert count_nodes(y, 10**6) == 20_001


def test_big_graphs_are_text_only_and_refused_by_draw_graph():
    big = sum(Value(float(i)) for i in range(100))
    bundle = repr_mimebundle(big)
    assert bundle == {'text/plain': repr(big)}
    with pytest.raises(ValueError, match='more than 500 nodes'):
        draw_graph(sum(Value(1.0) for _ in range(300)))
    with pytest.raises(ValueError, match="'LR' or 'TB'"):
        draw_graph(lecture_example(), rankdir='RL')


def test_small_graphs_display_as_svg_and_fall_back_without_dot(monkeypatch):
    L = lecture_example()
    assert L._repr_mimebundle_()['image/svg+xml'].lstrip().startswith('<?xml')
    def no_dot(*args, **kwargs): raise graphviz.ExecutableNotFound(('dot',))
    monkeypatch.setattr(graphviz.Digraph, 'pipe', no_dot)
    assert L._repr_mimebundle_() == {'text/plain': repr(L)}


def neuron():
    "The output of the lecture's neuron."
    return lecture_neuron()['o']


def svg_size(svg: str) -> tuple[float, float, list[float]]:
    "The width and height Graphviz wrote on the <svg> element (points), and its viewBox."
    tag = re.search(r'<svg\b[^>]*>', svg)[0]
    width, height = (
        float(re.search(rf'\b{name}="([\d.]+)pt"', tag)[1]) for name in ('width', 'height')
    )
    return width, height, [float(v) for v in re.search(r'viewBox="([^"]+)"', tag)[1].split()]


def drawn_width(drawing) -> float:
    return svg_size(drawing.pipe(format='svg', encoding='utf-8'))[0]


@pytest.mark.parametrize('make', [lecture_example, neuron], ids=['L', 'neuron'])
def test_the_lecture_graphs_fit_720_pixels_with_readable_labels(make):
    full, fitted = drawn_width(draw_graph(make(), max_width=None)), drawn_width(draw_graph(make()))
    # wider than 7.5 inches (720 screen pixels) at full size: scaled down to fit
    assert full > 7.5 * 72 >= fitted
    assert 11 * fitted / full >= 7   # 11-point labels stay 7 points (9 screen pixels) or larger


def test_small_graphs_keep_their_size_and_max_width_sets_the_limit():
    x = Value(3.0, label='x')
    twice = x * x
    assert (
        drawn_width(draw_graph(twice)) == drawn_width(draw_graph(twice, max_width=None)) < 7.5 * 72
    )
    assert draw_graph(twice).graph_attr['size'] == '7.5,1000'
    assert 'size' not in draw_graph(twice, max_width=None).graph_attr
    assert drawn_width(draw_graph(lecture_example(), max_width=3)) <= 3 * 72
    assert drawn_width(draw_graph(lecture_example(), rankdir='TB', max_width=2)) <= 2 * 72
    for bad in [0, -1.0, '7.5']:
        with pytest.raises(ValueError, match='max_width'): draw_graph(twice, max_width=bad)


def test_boxes_stack_their_fields_in_both_directions():
    # A record's fields stack in a left-to-right layout; in a top-to-bottom one, braces make them
    # stack.
    assert 'label="L | data -8.0000 | grad 0.0000"' in draw_graph(lecture_example()).source
    assert (
        'label="{ L | data -8.0000 | grad 0.0000 }"'
        in draw_graph(lecture_example(), rankdir='TB').source
    )


def test_jupyter_gets_an_svg_that_shrinks_to_the_output_area():
    svg = repr_mimebundle(lecture_example())['image/svg+xml']
    tag = re.search(r'<svg\b[^>]*>', svg)[0]
    # shrinks where shown inline, keeps its proportions
    assert 'style="max-width:100%;height:auto"' in tag
    width, height, view_box = svg_size(svg)
    assert width <= 7.5 * 72 and len(view_box) == 4 and view_box[2] > 0 and view_box[3] > 0
    assert svg.count('max-width') == 1 and svg.count('<svg') == 1


def test_draw_dot_is_the_lectures_name_for_draw_graph():
    assert draw_dot is draw_graph
    assert draw_dot(lecture_example()).source == draw_graph(lecture_example()).source


def test_animate_backward_has_a_frame_per_step_and_leaves_the_graph_alone():
    o = neuron()
    nodes = trace(o)[0]
    for i, node in enumerate(nodes): node.grad = float(i)       # whatever the learner had
    before = [(n.data, n.grad) for n in nodes]
    animation = animate_backward(o)
    # before, o.grad = 1, one per op
    assert len(animation) == len(animation.captions) == 2 + sum(1 for n in nodes if n._prev)
    assert [(n.data, n.grad) for n in nodes] == before
    assert all(frame.lstrip().startswith('<svg') for frame in animation.frames)


def test_animate_backward_shows_the_chain_rule_and_accumulation():
    x = Value(3.0, label='x')
    y = x + x; y.label = 'y'
    captions = animate_backward(y).captions
    assert captions[-1].splitlines()[1:] == [
        '  x.grad += 1.0000 (local) × 1.0000   → x.grad = 1.0000',
        '  x.grad += 1.0000 (local) × 1.0000   → x.grad = 2.0000',
    ]


def test_animate_backward_runs_a_lecture_style_closure():
    import math
    a = Value(0.5, label='a')
    out = Value(math.sin(a.data), (a,), 'sin'); out.label = 's'
    def _backward(): a.grad += math.cos(a.data) * out.grad
    out._backward = _backward
    captions = animate_backward(out).captions
    assert captions[-1].endswith(f'a.grad: 0.0000 → {math.cos(0.5):.4f}') and a.grad == 0.0


def test_animate_backward_html_is_self_contained():
    animation = animate_backward(neuron())
    html = animation._repr_html_()
    assert '<script' in html and 'http' not in html.replace('http://www.w3.org/', '')
    script = html[html.index('<script>') + len('<script>'):html.rindex('</script>')]
    # the first frame inline, every frame in the script's data, with each '<' escaped
    assert html.count('<svg') == 0 and '<' not in script
    assert script.count('\\u003csvg') == len(animation)
    # until the script runs: a PNG of the first frame, its caption, and how to play
    still = re.search(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert still and html.index(still[0]) < html.index('<script>') and 'run this cell' in html
    assert re.findall(r'src="([a-z]+:)', html) == ['data:']
    assert len(html) < 200_000


def test_animate_backward_html_survives_any_label_and_is_the_same_on_a_fresh_run():
    x = Value(1.0, label='</script><script>alert(1)</script><!--')
    y = x * 2; y.label = 'y'
    html = animate_backward(y)._repr_html_()
    # the label cannot end or open a script
    assert html.count('</script>') == 1 and html.count('<script') == 1
    first, second = (
        animate_backward(lecture_example())._repr_html_(),
        animate_backward(lecture_example())._repr_html_(),
    )
    ids = [re.search(r'<div id="([^"]+)"', h)[1] for h in (first, second)]
    # unique on a page, no randomness
    assert ids[0] != ids[1] and first.replace(ids[0], '') == second.replace(ids[1], '')
    assert re.fullmatch(r'backward-[0-9a-f]{8}-\d+', ids[0])


def filled(frame: str) -> dict[str, set[str]]:
    "The Graphviz names of the nodes drawn filled in one frame, by fill colour."
    colours = {}
    for name, body in re.findall(
        r'<g id="node\d+" class="node">\s*<title>([^<]+)</title>(.*?)</g>', frame, re.S
    ):
        if fill := re.search(r'fill="(#[0-9a-f]{6})"', body):
            colours.setdefault(fill[1], set()).add(name)
    return colours


def test_animate_backward_colours_the_running_node_yellow_and_its_inputs_green():
    frames = animate_backward(lecture_example()).frames   # trace order: a b e c d f L = n0 .. n6
    yellow, green = '#ffd54f', '#c5e1a5'
    assert filled(frames[0]) == {}                          # before backward()
    assert filled(frames[1]) == {yellow: {'n6'}}            # L.grad = 1: only L
    # L = d * f passes to d and f
    assert filled(frames[2]) == {yellow: {'n6', 'n6_op'}, green: {'n4', 'n5'}}
    # e = a * b passes to a and b
    assert filled(frames[-1]) == {yellow: {'n2', 'n2_op'}, green: {'n0', 'n1'}}


def test_animate_backward_refuses_big_graphs_and_has_a_short_repr():
    big = sum(Value(float(i)) for i in range(30))   # 61 nodes
    with pytest.raises(ValueError, match='more than 50 nodes'): animate_backward(big)
    assert len(animate_backward(big, max_nodes=100)) == 2 + 30
    assert repr(animate_backward(lecture_example())) == 'BackwardAnimation(5 frames)'


def test_draws_a_value_typed_along_with_the_lecture_before_it_has_a_label_or_grad():
    class EarlyValue:
        def __init__(self, data, _children=(), _op=''):
            self.data, self._prev, self._op = data, set(_children), _op

        def __add__(self, other): return EarlyValue(self.data + other.data, (self, other), '+')
    s = EarlyValue(2.0) + EarlyValue(-3.0)
    assert 'label="data -1.0000"' in draw_graph(s).source and 'grad' not in draw_graph(s).source
    assert 'label="{ data 2.0000 }"' in draw_graph(s, rankdir='TB').source
    draw_graph(s).pipe(format='svg')  # and Graphviz accepts it
