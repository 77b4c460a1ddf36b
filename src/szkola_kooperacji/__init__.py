"""Szkoła Kooperacji: training platform for the Model Kooperacji of Polish social assistance."""

__version__ = "0.1.0"
