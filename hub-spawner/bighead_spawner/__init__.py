"""Redspot: JupyterHub's Bighead spawner and the hub's configuration (hub-spawner/ in the Bighead checkout)."""
from .spawner import BigheadSpawner

__all__ = ["BigheadSpawner"]
