"""The front doors: the JSON API, the command line, uploads, and what the page and the CLI render.

They sit above the answering core and use only the ``Assistant`` front, the service that holds it,
and the wiring. The Gradio page itself is app.py, the entry point.
"""
