"""Typed access to the container the app was built with."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.container import Container


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]
