"""Fuzz target: the policy loader on any bytes, as one policy file.

Every input must end in a loaded policy or a ``PolicyError`` (a one-line message, exit
2 in the CLI): any other exception, a hang or a memory blow-up is a bug. Run with
``fuzz/run.sh``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from linkpolicy.errors import PolicyError
    from linkpolicy.policy.load import _load


def no_template(rel: str) -> bytes | None:
    return None


def test_one_input(data: bytes) -> None:
    try:
        _load([("policies/site.yaml", data)], "policies", no_template, "policies")
    except PolicyError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
