"""Placeholder component: replaced by its real implementation."""


class _Noop:
    name = "noop"

    def __call__(self, work) -> None:
        return None


def make_component(config: dict):
    return _Noop()
