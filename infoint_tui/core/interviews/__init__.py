"""Interviews: the stored interview, its clock, and the question bank."""
