"""G-PZK role-play: a team of trainees, one institution each, builds one family's contract in real time.

``session`` is the shared CRDT document and its mapping to the domain's ``Meeting``;
``store`` keeps each session's updates in SQLite; ``server`` and ``client`` sync
the document over websockets (pycrdt-websocket rooms, one room per session).
"""
