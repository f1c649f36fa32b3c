"""Pitch, readiness, the partner's vocabulary and the contact map in the API."""

from ninja import Router

router = Router()
