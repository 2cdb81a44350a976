"""Why an input was refused."""


class InputError(Exception):
    """An input that cannot be ingested; the message is the one-line reason."""
