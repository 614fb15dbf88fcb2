"""Where the links a curator grabs come from: the feeds they follow (RSS, Atom, RDF, JSON Feed), and
their subscriptions kept per blog folder.

A new source of links is one new module here (with a helper module beside it if it needs one): it
gives items with a URL that `grab` can take, and knows nothing of the terminal.
"""
