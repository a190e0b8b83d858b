"""Durable e-mail outbox: rows commit with the business change, a worker delivers them."""
