"""Durable state: the spool, events, suppressions, retries and domain pacing."""
