"""Contact requests: a resident asks one or several organisations to contact them."""
