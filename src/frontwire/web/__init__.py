"""The newsroom: one FastAPI app serving the HTTP API (``/api``) and the web pages around the store.

``create_app(WebSettings(...))`` builds it; ``frontwire serve`` runs it with uvicorn. The API's
routers live in ``web.api``, the pages in ``web.pages``, the security every response gets
(headers, size limit, tokens, errors without tracebacks) in ``web.security``.
"""
