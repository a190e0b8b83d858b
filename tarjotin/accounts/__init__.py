"""Users, roles, login, invitations, claims of an organisation, and server-side session ends."""
