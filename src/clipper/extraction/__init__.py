"""Extraction: from an HTML page to the article (its blocks in reading order, without the page's
furniture) and its credits (headline, publication, author, date). Word lists and the table of
known sites are data files in data/. Light to import: extract.py alone brings in trafilatura."""
