"""Whether two events of different articles tell one happening: one module per criterion
(``families``, ``places``, ``dates``, ``actors``, ``text``) and ``scoring``, which combines them."""
