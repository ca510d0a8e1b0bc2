"""pubdedup: merge scattered publication lists into one deduplicated bibliography."""

__version__ = "0.1.0"
