"""Drawing the cooperation map: one layout, drawn as SVG in the dashboard and with reportlab in the PDF.

The map's data comes from ``domain.cooperation``; this package only places and draws it.
"""
