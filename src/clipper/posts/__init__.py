"""Posts: the post model and its file (front matter, escaped Markdown), the posts folders and
their listing, snapshots of the pages quoted, and a body in other forms (HTML, text)."""

STATE_DIR = ".clipper"  # clipper's own state in the drafts folder: the post numbers, the feed store
