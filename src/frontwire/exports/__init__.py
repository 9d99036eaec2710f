"""Output writers, registered by name in ``frontwire.registry`` (``--format NAME``)."""
