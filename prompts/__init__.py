"""Prompt templates, stored as versioned text files beside this module."""
