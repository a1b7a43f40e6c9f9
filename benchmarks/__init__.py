"""Performance measurements of infoint as a user feels them (see README)."""
