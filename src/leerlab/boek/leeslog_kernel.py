"""Kernel start-up file (PYTHONSTARTUP) for the book build: log which course files a page reads.

jupyter-cache keys a page on its code cells only, so a page whose data file changed would
keep its old output. During the build every kernel runs this file first; it writes each
file under the watched roots that the notebook opens (data files, and the package's own
modules via their ``.pyc``) to the log named in ``LEERLAB_LEESLOG``, one path a line.
leerlab.boek.afhankelijkheden_sphinx turns that log into dependencies of the page.

It runs in the notebook's namespace: everything lives inside one function, deleted after.
"""


def _leerlab_leeslog() -> None:
    import os
    import sys

    log = os.environ.get("LEERLAB_LEESLOG")
    listed = os.environ.get("LEERLAB_LEESWORTELS", "").split(os.pathsep)
    roots = tuple(os.path.join(r, "") for r in listed if r)
    if not log or not roots:
        return
    # The log exists from the start: "this page was executed", even if it reads nothing.
    with open(log, "w", encoding="utf-8"):
        pass
    seen: set[str] = set()
    busy = False

    def source_of(path: str) -> str:
        folder, name = os.path.split(path)
        if name.endswith(".pyc") and os.path.basename(folder) == "__pycache__":
            return os.path.join(os.path.dirname(folder), name.split(".", 1)[0] + ".py")
        return path

    def hook(event: str, args: tuple[object, ...]) -> None:
        nonlocal busy
        if event != "open" or busy or not args:
            return
        target = args[0]
        if not isinstance(target, (str, bytes, os.PathLike)):
            return  # an open file descriptor
        try:
            path = source_of(os.path.abspath(os.fsdecode(target)))
        except (TypeError, ValueError):
            return
        if path in seen or not path.startswith(roots):
            return
        seen.add(path)
        busy = True
        try:
            with open(log, "a", encoding="utf-8") as out:
                out.write(path + "\n")
        except OSError:
            pass
        finally:
            busy = False

    sys.addaudithook(hook)


_leerlab_leeslog()
del _leerlab_leeslog
