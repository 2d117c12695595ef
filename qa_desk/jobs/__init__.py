"""Team mode's transcription workers on procrastinate, a PostgreSQL job queue (see ``queue``)."""
