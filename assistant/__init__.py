"""Plansvar assistant: settings, wiring, retrieval use, answers, CLI."""
