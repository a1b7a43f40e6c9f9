"""Letters: the stored letter, templates, sandboxed rendering, the text check."""
