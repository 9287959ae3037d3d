"""`python -m vbparse …` is the same as `vbparse …`."""

from .io.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
