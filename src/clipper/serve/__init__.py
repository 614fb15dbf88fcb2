"""`clipper serve`: a small web app on 127.0.0.1 that takes a page from the browser (through the
bookmarklet) to a picker page, and from there to a draft through the grab workflow.

    secret.py      the installation's secret, which every request that hands over a page must carry
    bookmarklet.py the bookmarklet's code, with this installation's address and secret
    received.py    a page as the browser sent it: bounded, HTML only, decoded as a fetched page is
    picking.py     the picker page as a Chooser of the grab workflow: a page received, then written
    guards.py      what every request must pass (Host, secret, origin, size), what every answer carries
    app.py         the routes, and what their answers hold
    server.py      listening, warming up, stopping on Ctrl-C
    static/        the start page, the picker page and their script and style

Only this package (and `cli/serve.py`, which imports it when the command runs) imports Starlette and
uvicorn: every other command starts without them.
"""
