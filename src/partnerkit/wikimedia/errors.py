"""What can go wrong when Partnerkit asks a Wikimedia API, as exceptions.

``str(error)`` is always a complete sentence that can be shown to a user as it is.
``error.retryable`` says whether trying the same thing again later may succeed, so a job
can decide between "pause and resume" and "report and stop".
"""


class WikimediaError(Exception):
    """Base class. ``str(error)`` is a complete sentence fit to show a user."""

    retryable = False


class Unavailable(WikimediaError):
    """Timeouts, connection errors or server errors (5xx) still failing after the retries."""

    retryable = True


class RateLimited(WikimediaError):
    """HTTP 429 or a maxlag refusal still coming back after the retries."""

    retryable = True


class BadResponse(WikimediaError):
    """The answer was not JSON, or not shaped as the API documents it."""


class ApiError(WikimediaError):
    """An Action API error other than maxlag; ``code`` is the API's error code."""

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.code = code


class NoSuchEntity(ApiError):
    """wbgetentities refused an id: it is malformed or no such entity can exist."""

    def __init__(self, message: str, *, qid: str = "", code: str = "no-such-entity"):
        super().__init__(message, code=code)
        self.qid = qid


class QuerySyntaxError(WikimediaError):
    """The query service could not parse the query (HTTP 400); the message quotes its parser."""


class QueryTimeout(WikimediaError):
    """The query ran into the query service's 60-second limit.

    Not retryable: the same query will time out again; it has to be narrowed.
    """


class NotFound(WikimediaError):
    """A REST endpoint answered 404 (no page view data; category not on the CIM allow list)."""
