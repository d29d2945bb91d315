"""One module per non-standard MTA family; each exposes `detect(MessageView)`."""
