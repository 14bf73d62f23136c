"""Progress bars on a terminal (tqdm): one for the documents, one per document for its pages.
Silent when stderr is not a terminal or when --quiet is given."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable


class Progress:
    def __init__(self, documents: int, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._documents = None
        self._pages: dict[str, object] = {}
        if self.enabled and documents > 1:
            from tqdm import tqdm

            self._documents = tqdm(total=documents, unit="doc", desc="documents", file=sys.stderr, position=0,
                                   dynamic_ncols=True)

    def page(self, key: str, page: int, total: int) -> None:
        """Page `page` of `total` of the document `key` (its path) is read."""
        if not self.enabled:
            return
        bar = self._pages.get(key)
        if bar is None:
            from tqdm import tqdm

            bar = self._pages[key] = tqdm(total=total, unit="page", desc=Path(key).name, file=sys.stderr, leave=False,
                                           position=len(self._pages) + (self._documents is not None), dynamic_ncols=True)
        bar.update(page - bar.n)

    def page_reporter(self, key: str) -> Callable[[int, int], None] | None:
        return (lambda page, total: self.page(key, page, total)) if self.enabled else None

    def document_done(self, key: str) -> None:
        bar = self._pages.pop(key, None)
        if bar is not None:
            bar.close()
        if self._documents is not None:
            self._documents.update(1)

    def close(self) -> None:
        for bar in self._pages.values():
            bar.close()
        if self._documents is not None:
            self._documents.close()


class QueueReporter:
    """Page progress sent from a worker process to the parent's bars (picklable)."""

    def __init__(self, queue, key: str):
        self.queue, self.key = queue, key

    def __call__(self, page: int, total: int) -> None:
        self.queue.put((self.key, page, total))
