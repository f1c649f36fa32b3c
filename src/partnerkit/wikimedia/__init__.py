"""Clients for the Wikimedia APIs, one small module per source.

- ``http``: the shared HTTP layer (User-Agent, timeouts, retries, rate limit, continuation);
- ``ratelimit`` and ``models``: the rate limiter shared through the database;
- ``wikidata`` (Action API), ``query`` (Wikidata Query Service), ``commons`` (Commons Action
  API), ``pageviews`` and ``cim`` (Wikimedia REST API);
- ``errors``: what can go wrong, as sentences fit to show people.
"""
