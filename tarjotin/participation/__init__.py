"""Participation: experience-expert profiles and requests, open calls and sign-ups, residents' ideas."""
