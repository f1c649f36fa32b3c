"""Commitments screened for dangerous promises, warning signs and the decision to say no in the API."""

from ninja import Router

router = Router()
