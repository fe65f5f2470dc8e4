"""Consultation slots, appointment requests and appointments that turn into an intake."""
