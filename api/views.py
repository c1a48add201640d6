"""Placeholder router until the REST/views module lands (owned by the rest/views helper)."""
from fastapi import APIRouter

router = APIRouter()
