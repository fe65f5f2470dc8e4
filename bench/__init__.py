"""Benchmark: back-office pages against a bare Django view, served by gunicorn (see README.md)."""
