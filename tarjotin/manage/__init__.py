"""Organisation self-service (editing, capacity, yearly review) and moderation."""
