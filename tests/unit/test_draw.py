"""The draw pile: reproducible, no repeats, skip/back, filters, balance."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccfacil.cards.deck import Card
from ccfacil.cards.draw import DrawMode, DrawPile
from ccfacil.errors import UsageProblem

DOMAINS = ("self", "clients", "family", "colleagues")


def make_cards(per_domain=3, domains=DOMAINS):
    return [Card(f"{d}-{i:02d}", d, f"q{i}", f"a{i}", f"f{i}")
            for d in domains for i in range(1, per_domain + 1)]


def ids(cards):
    return [c.id for c in cards]


def test_same_seed_same_order():
    cards = make_cards()
    first = ids(DrawPile(cards, random.Random(7)).take(30))
    assert first == ids(DrawPile(cards, random.Random(7)).take(30))
    assert first != ids(DrawPile(cards, random.Random(8)).take(30))


def test_same_seed_same_order_across_processes():
    code = (
        "import random, json;"
        "from ccfacil.cards.deck import Card;"
        "from ccfacil.cards.draw import DrawPile;"
        "cards=[Card(f'c{i}', 'self', 'q', 'a', 'f') for i in range(20)];"
        "print(json.dumps([c.id for c in DrawPile(cards, random.Random(7)).take(25)]))"
    )
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 2, 3)}
    assert len(runs) == 1
    assert len(json.loads(runs.pop())) == 25


@given(st.integers(0, 2**32), st.integers(1, 6), st.integers(1, 60))
def test_no_repeat_until_exhausted(seed, per_domain, count):
    cards = make_cards(per_domain)
    drawn = ids(DrawPile(cards, random.Random(seed)).take(count))
    n = len(cards)
    for start in range(0, len(drawn), n):
        cycle = drawn[start:start + n]
        assert len(set(cycle)) == len(cycle)
    # A reshuffle never shows the card just discussed again straight away.
    assert all(a != b for a, b in zip(drawn, drawn[1:]))


def test_skip_puts_card_at_bottom():
    cards = make_cards(2)
    pile = DrawPile(cards, random.Random(1))
    first = pile.next()
    second = pile.skip()
    assert second.id != first.id
    assert pile.history == [second]
    rest = [pile.next() for _ in range(pile.remaining)]
    assert rest[-1] == first and first not in rest[:-1]


def test_back_and_forward_through_history():
    pile = DrawPile(make_cards(), random.Random(3))
    a, b, c = pile.take(3)
    assert pile.back() == b
    assert pile.back() == a
    assert pile.back() == a  # stays on the first
    assert pile.next() == b
    assert pile.next() == c
    d = pile.next()
    assert d not in (a, b, c)
    assert pile.state().position == 4 and pile.state().drawn == 4


def test_skip_after_back_removes_that_card_from_history():
    pile = DrawPile(make_cards(), random.Random(3))
    a, b, c = pile.take(3)
    pile.back()
    assert pile.skip() == c
    assert pile.history == [a, c]


def test_back_before_any_card():
    pile = DrawPile(make_cards(), random.Random(3))
    assert pile.back() is None and pile.current is None


def test_domain_filter():
    pile = DrawPile(make_cards(5), random.Random(2), domains=["family", "self"])
    drawn = pile.take(25)
    assert {c.domain for c in drawn} == {"family", "self"}
    with pytest.raises(UsageProblem, match="unknown domain: nope"):
        DrawPile(make_cards(), random.Random(2), domains=["nope"])


def test_changing_domains_keeps_history_and_avoids_repeats():
    pile = DrawPile(make_cards(3), random.Random(4))
    seen = pile.take(5)
    pile.set_domains(["clients"])
    later = pile.take(3 - sum(c.domain == "clients" for c in seen))
    assert all(c.domain == "clients" for c in later)
    assert not set(ids(later)) & set(ids(seen))
    assert pile.history[:5] == seen


@given(st.integers(0, 2**32), st.integers(1, 5))
def test_balanced_touches_every_domain_each_round(seed, per_domain):
    pile = DrawPile(make_cards(per_domain), random.Random(seed), mode=DrawMode.BALANCED)
    drawn = pile.take(4 * per_domain)
    for start in range(0, len(drawn), 4):
        assert {c.domain for c in drawn[start:start + 4]} == set(DOMAINS)
    assert Counter(c.domain for c in drawn) == {d: per_domain for d in DOMAINS}
    assert len(set(ids(drawn))) == len(drawn)


def test_balanced_uneven_domains_never_repeat_a_domain_back_to_back():
    cards = make_cards(1, ("self",)) + make_cards(6, ("clients", "family"))
    drawn = DrawPile(cards, random.Random(5), mode="balanced").take(30)
    assert all(a.domain != b.domain for a, b in zip(drawn, drawn[1:]))


def test_avoided_cards_come_last():
    cards = make_cards(3)
    avoid = {"self-01", "clients-02", "family-03"}
    drawn = ids(DrawPile(cards, random.Random(9), avoid=avoid).take(len(cards)))
    assert set(drawn[-3:]) == avoid
