"""Stages: the ordered, registered components a document passes through.

A stage is a function ``stage(doc) -> None`` that reads the ``Doc`` and adds to
``doc._.tp``.  Registering one with :func:`stage` also registers it as a spaCy
component named ``thaipress_<name>``, so the whole pipeline is a spaCy pipeline.
Order comes from ``after=`` (what a stage reads), ties broken by registration order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

StageFunc = Callable[[Doc], None]


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    after: tuple[str, ...]

    @property
    def component(self) -> str:
        return f"thaipress_{self.name}"


_STAGES: dict[str, Stage] = {}


def stage(name: str, *, after: tuple[str, ...] | list[str] = ()) -> Callable[[StageFunc], StageFunc]:
    """Decorator: register ``func`` as the pipeline stage ``name``."""

    def register(func: StageFunc) -> StageFunc:
        _STAGES[name] = Stage(name, func, tuple(after))

        def component(doc: Doc) -> Doc:
            func(doc)
            return doc

        component.__name__ = f"thaipress_{name}"
        component.__doc__ = func.__doc__
        Language.component(f"thaipress_{name}", func=component)
        return func

    return register


def ordered_stages() -> list[Stage]:
    """All registered stages, each after the stages it names in ``after``."""
    done: list[Stage] = []
    placed: set[str] = set()
    pending = list(_STAGES.values())
    while pending:
        progress = False
        for st in list(pending):
            missing = [a for a in st.after if a not in _STAGES]
            if missing:
                raise RuntimeError(f"stage {st.name!r} runs after unknown stage(s) {missing}")
            if all(a in placed for a in st.after):
                done.append(st)
                placed.add(st.name)
                pending.remove(st)
                progress = True
        if not progress:
            raise RuntimeError(f"stages {[s.name for s in pending]} depend on each other in a cycle")
    return done
