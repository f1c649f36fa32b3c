"""Limit/offset pages for every list: `{"count": N, "items": [...]}`."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Pagination(LimitOffsetPagination):
    """Ninja's limit/offset pages, with a limit above the maximum refused (400 naming `limit`)
    rather than quietly cut, so a script never mistakes a short page for the end of a list."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT} items a page."
        )
        offset: int = Field(0, ge=0, description="How many items to skip.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
