"""clipper: turn a news article into a ready-to-publish excerpt post."""

__version__ = "0.1.0"
