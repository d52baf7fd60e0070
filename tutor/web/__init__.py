"""tutor in a browser: ``tutor serve`` runs the same app once per browser connection (textual-serve).

A front end beside :mod:`tutor.ui` and :mod:`tutor.plain`: ``server`` is the
web server (access token, session limit, shutdown that leaves no app
process behind), ``served`` is the entry each connection runs, ``name`` the
screen that asks who is learning, ``driver`` textual-serve's driver made to
end its app when the server goes away. Nothing here is imported by
``tutor --help``.
"""
