"""/v1/verp: sign a Return-Path for one recipient, and read one back.

Signing is an admin operation: a signed address is what lets a bounce suppress
its recipient, so whoever can mint them for any address could forge bounces
that suppress any subscriber. Decoding only reveals what an address already
says, and needs a read token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from bounced import service
from bounced.api.auth import ADMIN, READ
from bounced.api.context import ApiContext, context

router = APIRouter(tags=["verp"])

Context = Annotated[ApiContext, Depends(context)]


class EncodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recipient: str = Field(max_length=320, description="The address the mail goes to")
    list_id: str | None = Field(
        default=None, max_length=255, description="List-Id to carry (optional)"
    )
    message_id: str | None = Field(
        default=None, max_length=255, description="Message-ID to carry (optional)"
    )
    domain: str | None = Field(
        default=None,
        max_length=255,
        description="Bounce domain (default: the first of smtp.bounce_domains)",
    )


class EncodeResponse(BaseModel):
    address: str = Field(description="The signed Return-Path to send with")
    recipient: str
    bounce_domain: str
    list_id: str | None
    message_id: str | None
    expires: str = Field(description="The last day (UTC) a bounce to it is trusted")
    warnings: list[str]


class DecodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: str = Field(max_length=1000)


class DecodeResponse(BaseModel):
    address: str
    form: str | None = Field(description="bounced, mailman, sympa, mautic or null")
    recipient: str | None
    list_id: str | None
    message_id: str | None
    signed: bool
    valid: bool
    problem: str | None


@router.post(
    "/v1/verp",
    dependencies=[ADMIN],
    response_model=EncodeResponse,
    summary="Sign a Return-Path for one recipient",
)
async def encode(body: EncodeRequest, ctx: Context) -> EncodeResponse:
    """503 `verp_not_configured` without `[verp] secrets`; 422 for a recipient,
    domain, list id or message id that cannot be signed."""
    signed = service.verp_encode(
        ctx.config.verp,
        ctx.config.smtp.bounce_domains,
        body.recipient,
        now=ctx.clock(),
        bounce_domain=body.domain,
        list_id=body.list_id,
        message_id=body.message_id,
    )
    document = signed.as_json()
    return EncodeResponse(**document)


@router.post(
    "/v1/verp/decode",
    dependencies=[READ],
    response_model=DecodeResponse,
    summary="What a bounce address says, and whether its signature holds",
)
async def decode(body: DecodeRequest, ctx: Context) -> DecodeResponse:
    return DecodeResponse(
        **service.verp_decode(ctx.config.verp, body.address, now=ctx.clock())
    )
