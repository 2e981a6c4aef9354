"""Typed access to the container the app was built with."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.container import Container
from assistant.server.answer_gate import AnswerGate


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def get_answer_gate(request: Request) -> AnswerGate:
    gate: AnswerGate = request.app.state.answer_gate
    return gate


ContainerDep = Annotated[Container, Depends(get_container)]
GateDep = Annotated[AnswerGate, Depends(get_answer_gate)]
