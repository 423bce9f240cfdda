"""Tests of the spares plugin."""

import threading
from typing import Any, Callable


def concurrently(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(n)`` in ``count`` threads released at the same moment; returns what each returned or the
    message of the ``ServiceError`` it raised, in no particular order."""
    from console.api import ServiceError

    outcomes, start = [], threading.Barrier(count)

    def run(n: int) -> None:
        start.wait()
        try:
            outcomes.append(work(n))
        except ServiceError as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
