"""Ingestion: load plan documents, clean their text, chunk them, extract metadata.

This package imports nothing else of Plansvar's; the index and the assistant build on it.
"""
