"""Files, locks, atomic writes, backups, migrations and the saver.

Nothing here knows what a contact is: the domain hands the store its file
kinds (``documents.py``)."""
