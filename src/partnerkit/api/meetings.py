"""Meetings: agenda, attendees, preparation, brief and notes in the API."""

from ninja import Router

router = Router()
