"""The web side: fetching pages politely and within limits, decoding them as a browser would,
their addresses, and asking a web archive for a capture."""
