"""The API's JSON response: Starlette's, without raw control characters.

Diagnostics and addresses in events and suppressions are text a remote server
chose. Starlette serializes with `ensure_ascii=False`, which escapes only C0
controls; `bounced.sanitize.escape_json` escapes the rest (DEL, C1, U+2028/9,
lone surrogates), so a client printing a response cannot be steered by it.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

from bounced.sanitize import escape_json


class SafeJSONResponse(JSONResponse):
    """JSONResponse whose body carries no raw control characters."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(
            content, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        )
        return escape_json(text).encode("utf-8")
