"""The domain and the store. Nothing here may import textual (a test checks)."""
