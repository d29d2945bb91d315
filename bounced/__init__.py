"""bounced: a bounce-processing daemon for mailing-list and newsletter senders."""

__version__ = "0.1.0"
