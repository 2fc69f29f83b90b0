"""Quartiers 2030 en données: the contrat de ville of the CAB, regenerated from data."""

__version__ = "0.1.0"
