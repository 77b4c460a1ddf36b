"""JupyterHub deployment: accounts, one dashboard server per trainee, Lab with nbgrader for trainers.

``settings`` is what the organiser chooses (``szkola hub`` options or a JSON file), ``config`` turns
it into JupyterHub configuration, ``spawner`` starts each user's server (the Voilà dashboard for a
trainee, JupyterLab for a trainer), ``authorizer`` keeps a trainee's server to the dashboard.
"""
