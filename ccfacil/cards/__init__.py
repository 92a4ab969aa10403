"""What the facilitator reads out: decks and their format, the draw pile, tags and the guide.
Plain Python: never imports Textual."""
