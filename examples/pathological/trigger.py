"""When a pathological engine misbehaves: `--when always`, `--when after:N` (the Nth liquidate
request of this process, counting from 1, and every one after it) or `--when fund:X` (requests whose
scenario has insuranceFund == X, e.g. a marker the test sets). Shared by hang.py, crash.py and
garbage.py; each of them otherwise behaves as the correct Python example engine."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))


def parse_when(argv, default):
    """Reads --when SPEC from argv (removing it); returns a predicate on (message, count)."""
    spec = default
    if "--when" in argv:
        i = argv.index("--when")
        spec = argv[i + 1]
        del argv[i : i + 2]
    if spec == "always":
        return lambda message, count: True
    kind, _, value = spec.partition(":")
    if kind == "after":
        n = int(value)
        return lambda message, count: count >= n
    if kind == "fund":
        return lambda message, count: (message.get("scenario") or {}).get("insuranceFund") == value
    sys.exit("unknown --when %r (always | after:N | fund:X)" % spec)


def option(argv, name, default):
    if name in argv:
        i = argv.index(name)
        value = argv[i + 1]
        del argv[i : i + 2]
        return value
    return default
