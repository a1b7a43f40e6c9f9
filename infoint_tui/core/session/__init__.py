"""What one running app holds: the session, its services, and kept unsaved changes."""
