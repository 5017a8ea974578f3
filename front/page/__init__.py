"""The Gradio page, tab by tab (app.py assembles it). Gradio lives here and in app.py only."""
