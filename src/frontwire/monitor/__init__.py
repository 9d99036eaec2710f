"""Monitoring: follow outlets' feeds and sitemaps, fetch what is new politely, analyse and store it.

``addresses`` says which hosts may be fetched, ``fetch`` fetches (timeouts, retries, size cap,
redirects checked hop by hop, conditional GET, a per-host rate limit), ``robots`` obeys
robots.txt, ``feeds`` reads RSS, Atom and sitemaps, ``urls`` gives one canonical URL per story,
``tables`` and ``state`` keep the sources and what was seen in the store, ``watch`` polls,
``cli`` is ``frontwire sources`` and ``frontwire watch``. Nothing here loads the pipeline.
"""
