"""Paper: a deck laid out as cards to print, cut and use when the power goes.

- ``layout``: paper sizes, the grid of cards, cut marks, fronts and mirrored backs;
- ``metrics`` and ``fit``: how much room a text takes, and the type size of each side;
- ``deckhtml.render(deck, cards, ...)``: the whole file, with what had to be made smaller.

Nothing here imports textual or needs a browser.
"""
