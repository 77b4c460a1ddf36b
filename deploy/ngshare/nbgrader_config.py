"""nbgrader in the single-user image (deploy/Dockerfile puts this file in /etc/jupyter/).

The exchange is the hub's ngshare service, not a shared folder: each server is its own pod. The
service's URL is $SZKOLA_NGSHARE_URL, else the chart's in-cluster address. tests/hub/test_ngshare.py
runs release, fetch, submit and collect through a real hub with this same file.
"""

from szkola_kooperacji.hub.ngshare import configure_exchange

configure_exchange(get_config())  # noqa: F821 (nbgrader's configuration loader defines get_config)
