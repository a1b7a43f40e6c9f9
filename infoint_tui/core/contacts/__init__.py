"""Contacts and their stages: the model, moves, date rules, the agenda, the board."""
