"""POST /v1/sent: the Message-IDs a sender used, for relaying without signed VERP.

The relay dispatcher re-sends a returned original only when it is provably the
sender's own. Senders that sign their Return-Path (VERP) prove it that way;
those that cannot (one fixed Return-Path, as listmonk and Mailman send) record
each message's Message-ID and recipient here as they send, and a bounce that
returns an original with a recorded Message-ID for that recipient is believed.
Admin scope: recording a pair is what lets a bounce make the daemon send mail.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from bounced import service
from bounced.api import models
from bounced.api.auth import ADMIN
from bounced.api.context import ApiContext, context
from bounced.api.responses import SafeJSONResponse
from bounced.errors import at_most

router = APIRouter(prefix="/v1", tags=["retries"])

Context = Annotated[ApiContext, Depends(context)]


@router.post(
    "/sent",
    response_model=models.SentResponse,
    dependencies=[ADMIN],
    summary="Record the Message-IDs of a send, per recipient",
    responses={413: {"model": models.ErrorBody, "description": "Too many pairs"}},
)
def record_sent(body: models.SentRequest, ctx: Context) -> Response:
    """Pairs are kept for `[privacy] raw_retention`; recording one twice is
    harmless (`already`). Pairs whose Message-ID or recipient cannot be read are
    listed under `invalid`, the rest are recorded."""
    at_most(len(body.messages), service.MAX_SENT_PER_REQUEST, "messages")
    result = service.record_sent(
        ctx.engine,
        [(item.message_id, item.recipient) for item in body.messages],
        ctx.clock(),
    )
    return SafeJSONResponse(
        {
            "recorded": result.recorded,
            "already": result.already,
            "invalid": result.invalid,
        }
    )
