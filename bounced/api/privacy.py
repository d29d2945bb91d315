"""POST /v1/forget: erase an address on request (GDPR Art. 17), keep it suppressed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from bounced import service
from bounced.api import models
from bounced.api.auth import ADMIN
from bounced.api.context import ApiContext, context
from bounced.api.responses import SafeJSONResponse

router = APIRouter(prefix="/v1", tags=["personal data"])

Context = Annotated[ApiContext, Depends(context)]


@router.post(
    "/forget",
    response_model=models.ForgetResponse,
    dependencies=[ADMIN],
    summary="Erase an address, keeping it suppressed by a keyed hash",
    responses={
        409: {"model": models.ErrorBody, "description": "No tombstone key configured"}
    },
)
def forget(body: models.ForgetRequest, ctx: Context) -> Response:
    """Remove the address from events, retries, webhook notices, soft-bounce
    counts, suppressions and raw messages. Only its HMAC (keyed with
    `[privacy] tombstone_key`) is kept, so checks of the same address still
    answer suppressed. The answer counts what was erased, per table."""
    erased = service.forget(
        ctx.engine,
        body.address,
        key=service.tombstone_key(ctx.config),
        now=ctx.clock(),
    )
    return SafeJSONResponse(erased)
